package dk.npflan.dhcp.probe;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code netbox-dhcpd probe}: the operator's way to ask "does this dhcpd hand out addresses right
 * now?". Plain Java (no Quarkus) so it starts fast inside a pod or namespace. The JVM cannot enter
 * a network namespace, so {@code --netns NAME} re-executes this same command line under {@code ip
 * netns exec}. Exit 0 when every probe got a DHCPACK, 1 on a DHCP failure, 2 on a usage error.
 */
public final class ProbeCommand {

    static final int EXIT_READY = 0;
    static final int EXIT_NOT_READY = 1;
    static final int EXIT_USAGE = 2;

    private ProbeCommand() {}

    /**
     * The options of one invocation; exactly one of interface (local) or server+giaddr (relay) is
     * set.
     */
    record Options(
            Optional<String> netns,
            Optional<String> interfaceName,
            Optional<Ipv4Address> server,
            Optional<Ipv4Address> giaddr,
            Ipv4Network probeSubnet,
            Duration timeout,
            int count) {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("probe: " + e.getMessage());
            err.println(usage());
            return EXIT_USAGE;
        }
        if (options.netns().isPresent()) {
            return reexecIn(options.netns().get(), args, err);
        }
        List<ProbeOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < options.count(); i++) {
            ProbeOutcome outcome = probeOnce(options);
            outcomes.add(outcome);
            if (options.count() == 1) {
                out.println(describe(outcome));
            }
        }
        if (options.count() > 1) {
            out.println(ProbeStatistics.of(outcomes).describe());
        }
        return outcomes.stream().allMatch(o -> o instanceof ProbeOutcome.Ready)
                ? EXIT_READY
                : EXIT_NOT_READY;
    }

    static Options parse(String[] args) {
        Optional<String> netns = Optional.empty();
        Optional<String> nic = Optional.empty();
        Optional<Ipv4Address> server = Optional.empty();
        Optional<Ipv4Address> giaddr = Optional.empty();
        Ipv4Network subnet = null;
        Duration timeout = ProbeParameters.DEFAULT_TIMEOUT;
        int count = 1;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--netns" -> netns = Optional.of(value);
                case "--interface" -> nic = Optional.of(value);
                case "--server" -> server = Optional.of(Ipv4Address.of(value));
                case "--giaddr" -> giaddr = Optional.of(Ipv4Address.of(value));
                case "--probe-subnet" -> subnet = Ipv4Network.of(value);
                case "--timeout-ms" -> timeout = Duration.ofMillis(positive(name, value));
                case "--count" -> count = positive(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (subnet == null) {
            throw new IllegalArgumentException("--probe-subnet is required");
        }
        boolean local = nic.isPresent();
        boolean relay = server.isPresent() || giaddr.isPresent();
        if (local == relay || (relay && (server.isEmpty() || giaddr.isEmpty()))) {
            throw new IllegalArgumentException(
                    "give either --interface, or both --server and --giaddr");
        }
        return new Options(netns, nic, server, giaddr, subnet, timeout, count);
    }

    static String usage() {
        return """
                usage: netbox-dhcpd probe [--netns NAME] --interface IF --probe-subnet CIDR [--timeout-ms N] [--count N]
                       netbox-dhcpd probe [--netns NAME] --server ADDR --giaddr ADDR --probe-subnet CIDR [...]""";
    }

    static String describe(ProbeOutcome outcome) {
        String latency = String.format(Locale.ROOT, "%.1f ms", outcome.latency().toNanos() / 1e6);
        if (outcome instanceof ProbeOutcome.Ready ready) {
            Lease lease = ready.lease();
            return "ready: lease "
                    + lease.address().toString()
                    + " from "
                    + lease.serverId().toString()
                    + " for "
                    + lease.leaseTime().toSeconds()
                    + " s, latency "
                    + latency
                    + via(outcome);
        }
        ProbeOutcome.NotReady notReady = (ProbeOutcome.NotReady) outcome;
        return "not ready: "
                + notReady.failure()
                + " ("
                + notReady.detail()
                + "), after "
                + latency
                + via(outcome);
    }

    private static String via(ProbeOutcome outcome) {
        return outcome.path().map(path -> ", via " + path).orElse("");
    }

    private static ProbeOutcome probeOnce(Options options) {
        if (options.interfaceName().isPresent()) {
            return DhcpProbe.local(
                    options.interfaceName().get(), options.probeSubnet(), options.timeout());
        }
        return DhcpProbe.relay(
                options.giaddr().orElseThrow(),
                options.server().orElseThrow(),
                options.probeSubnet(),
                options.timeout());
    }

    private static int reexecIn(String netns, String[] args, PrintStream err) {
        List<String> self = ownCommandLine();
        if (self.isEmpty()) {
            err.println(
                    "probe: cannot read this process's command line to re-run it in netns "
                            + netns);
            return EXIT_USAGE;
        }
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        command.addAll(withoutNetns(self));
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            err.println("probe: cannot run ip netns exec: " + e.getMessage());
            return EXIT_USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_USAGE;
        }
    }

    /**
     * This JVM's full command line. {@code /proc/self/cmdline} first: {@code
     * ProcessHandle.Info.arguments()} comes back empty for long command lines (a long class path),
     * as seen under Maven Surefire.
     */
    private static List<String> ownCommandLine() {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            String text = new String(raw, StandardCharsets.UTF_8);
            if (!text.isEmpty()) {
                return List.of(
                        text.substring(0, text.length() - (text.endsWith("\0") ? 1 : 0))
                                .split("\0", -1));
            }
        } catch (IOException e) {
            // not Linux: fall back below
        }
        ProcessHandle.Info info = ProcessHandle.current().info();
        if (info.command().isEmpty() || info.arguments().isEmpty()) {
            return List.of();
        }
        List<String> command = new ArrayList<>(List.of(info.command().get()));
        command.addAll(Arrays.asList(info.arguments().get()));
        return command;
    }

    /** The command line minus every {@code --netns NAME}, so the child does not re-exec again. */
    static List<String> withoutNetns(List<String> args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--netns") && i + 1 < args.size()) {
                i++;
            } else {
                kept.add(args.get(i));
            }
        }
        return kept;
    }

    private static int positive(String name, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a positive integer, got " + value);
    }
}
