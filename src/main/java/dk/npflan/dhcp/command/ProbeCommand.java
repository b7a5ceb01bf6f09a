package dk.npflan.dhcp.command;

import dk.npflan.dhcp.SettingsException;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import dk.npflan.dhcp.probe.DhcpProbe;
import dk.npflan.dhcp.probe.Lease;
import dk.npflan.dhcp.probe.ProbeOutcome;
import dk.npflan.dhcp.probe.ProbeParameters;
import dk.npflan.dhcp.probe.ProbeStatistics;
import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netbox-dhcpd probe}: the operator's way to ask "does this dhcpd hand out addresses right
 * now?". Plain Java (no Quarkus) so it starts fast inside a pod or namespace. The probe subnet
 * defaults from {@code netbox-dhcpd.config.probe-subnet.network} (what the renderer put into
 * dhcpd.conf) and the interface from {@code netbox-dhcpd.dhcpd.interface} (what dhcpd serves), so
 * in a configured pod {@code probe} needs no options. The JVM cannot enter a network namespace, so
 * {@code --netns NAME} re-executes this same command line under {@code ip netns exec}. Exit codes
 * follow {@link ProbeVerdict}.
 */
@Command(
        name = "probe",
        description = {
            "Obtain a real lease from a dhcpd (readiness): locally on an interface, or as a relay"
                    + " (--server and --giaddr).",
            "Exit 0 when every probe got a DHCPACK, 1 when not, 2 on a usage or settings error."
        })
public final class ProbeCommand extends Subcommand {

    @Option(
            names = "--netns",
            paramLabel = "NAME",
            description = "run the probe inside this network namespace (ip netns exec)")
    String netns;

    @Option(
            names = "--interface",
            paramLabel = "IF",
            description = "interface dhcpd serves (default: netbox-dhcpd.dhcpd.interface)")
    String interfaceName;

    @Option(
            names = "--server",
            paramLabel = "ADDR",
            description = "relay mode: the dhcpd's IPv4 address")
    String server;

    @Option(
            names = "--giaddr",
            paramLabel = "ADDR",
            description = "relay mode: this host's IPv4 address the reply comes back to")
    String giaddr;

    @Option(
            names = "--probe-subnet",
            paramLabel = "CIDR",
            description =
                    "subnet asked for with option 118 (default:"
                            + " netbox-dhcpd.config.probe-subnet.network, 192.0.2.0/24)")
    String probeSubnet;

    @Option(names = "--timeout-ms", paramLabel = "N", description = "per probe (default: 2000)")
    Integer timeoutMs;

    @Option(
            names = "--count",
            paramLabel = "N",
            defaultValue = "1",
            description = "probes to run; above 1, prints latency statistics (default: 1)")
    int count;

    /**
     * One invocation with every default filled in; exactly one of interface (local) or
     * server+giaddr (relay) is set.
     */
    record Options(
            Optional<String> netns,
            Optional<String> interfaceName,
            Optional<Ipv4Address> server,
            Optional<Ipv4Address> giaddr,
            Ipv4Network probeSubnet,
            Duration timeout,
            int count) {}

    @Override
    protected ProbeVerdict run(CommandContext context) {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        Options options;
        try {
            options = options(context);
        } catch (SettingsException | IllegalArgumentException e) {
            err.println("probe: " + e.getMessage());
            usage(context);
            return ProbeVerdict.USAGE;
        }
        if (options.netns().isPresent()) {
            return reexecIn(options.netns().get(), err);
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
                ? ProbeVerdict.READY
                : ProbeVerdict.NOT_READY;
    }

    /** The options, with the probe subnet and (in local mode) the interface from the settings. */
    Options options(CommandContext context) {
        Optional<Ipv4Address> relayServer = Optional.ofNullable(server).map(Ipv4Address::of);
        Optional<Ipv4Address> relayGiaddr = Optional.ofNullable(giaddr).map(Ipv4Address::of);
        boolean relay = relayServer.isPresent() || relayGiaddr.isPresent();
        if (relay && interfaceName != null) {
            throw new IllegalArgumentException(
                    "give either --interface, or both --server and --giaddr");
        }
        if (relay && (relayServer.isEmpty() || relayGiaddr.isEmpty())) {
            throw new IllegalArgumentException("relay mode needs both --server and --giaddr");
        }
        SmallRyeConfig config = context.settings(DhcpdSettings.class, DhcpdProcessSettings.class);
        Optional<String> nic = Optional.empty();
        if (!relay) {
            nic =
                    Optional.ofNullable(interfaceName)
                            .or(
                                    () ->
                                            config.getConfigMapping(DhcpdProcessSettings.class)
                                                    .interfaceName());
            if (nic.isEmpty()) {
                throw new IllegalArgumentException(
                        "give --interface (or set netbox-dhcpd.dhcpd.interface,"
                                + " NETBOX_DHCPD_DHCPD_INTERFACE), or both --server and --giaddr");
            }
        }
        Ipv4Network subnet =
                Ipv4Network.of(
                        probeSubnet != null
                                ? probeSubnet
                                : config.getConfigMapping(DhcpdSettings.class)
                                        .probeSubnet()
                                        .network());
        Duration timeout =
                timeoutMs == null
                        ? ProbeParameters.DEFAULT_TIMEOUT
                        : Duration.ofMillis(positive("--timeout-ms", timeoutMs));
        return new Options(
                Optional.ofNullable(netns),
                nic,
                relayServer,
                relayGiaddr,
                subnet,
                timeout,
                positive("--count", count));
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

    private static ProbeVerdict reexecIn(String netns, PrintWriter err) {
        List<String> self = ownCommandLine();
        if (self.isEmpty()) {
            err.println(
                    "probe: cannot read this process's command line to re-run it in netns "
                            + netns);
            return ProbeVerdict.USAGE;
        }
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        command.addAll(withoutNetns(self));
        try {
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
            for (ProbeVerdict verdict : ProbeVerdict.values()) {
                if (verdict.exitCode() == code) {
                    return verdict;
                }
            }
            return ProbeVerdict.NOT_READY;
        } catch (IOException e) {
            err.println("probe: cannot run ip netns exec: " + e.getMessage());
            return ProbeVerdict.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeVerdict.USAGE;
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

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " needs a positive integer, got " + value);
        }
        return value;
    }
}
