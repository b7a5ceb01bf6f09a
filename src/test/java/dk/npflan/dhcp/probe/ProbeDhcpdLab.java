package dk.npflan.dhcp.probe;

import static org.awaitility.Awaitility.await;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.dhcpd.DhcpdInvocation;
import dk.npflan.dhcp.rollout.local.ChildProcess;
import dk.npflan.dhcp.rollout.local.ShutdownCleanup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real dhcpd (no failover, so it serves at once) in its own network namespace, on an interface
 * addressed in one of the ways pods get addresses, for testing the probe's send path. The interface
 * is one end of a veth pair whose other end sits, up and unaddressed, in a second namespace, so the
 * link has carrier (without it frames vanish silently). Nothing touches the root namespace. All
 * names start with {@code nbd-probe-}; stale ones from an interrupted run are removed at start, and
 * {@link #close()} (also a shutdown hook) stops dhcpd and deletes namespaces and files.
 *
 * <p>Addresses (RFC 2544 range, never routed): server 198.18.90.1 in 198.18.90.0/24, probe subnet
 * 198.18.91.0/27.
 */
final class ProbeDhcpdLab implements AutoCloseable {

    static final String PREFIX = "nbd-probe-";
    static final Ipv4Network SERVER_NETWORK = Ipv4Network.of("198.18.90.0/24");
    static final Ipv4Address SERVER = SERVER_NETWORK.host(1);
    static final Ipv4Network PROBE_SUBNET = Ipv4Network.of("198.18.91.0/27");

    /** How the dhcpd's interface is addressed. */
    enum Addressing {
        /** {@code ip addr add 198.18.90.1/24 brd + dev IF}: a broadcast address is set. */
        SLASH_24_WITH_BRD("b24", "/24", "brd", "+"),
        /** {@code ip addr add 198.18.90.1/24 dev IF}: no broadcast (Java reports 0.0.0.0). */
        SLASH_24_WITHOUT_BRD("n24", "/24"),
        /**
         * Calico's shape: {@code ip addr add 198.18.90.1/32 dev IF}, an on-link route to
         * 169.254.1.1 and the default route via it.
         */
        SLASH_32_ONLINK_DEFAULT("h32", "/32");

        private final String tag;
        private final String prefix;
        private final List<String> extra;

        Addressing(String tag, String prefix, String... extra) {
            this.tag = tag;
            this.prefix = prefix;
            this.extra = List.of(extra);
        }
    }

    final Addressing addressing;
    final Optional<Ipv4Address> serverIdentifier;
    final String netns;
    final String interfaceName;
    private final String linkNetns;
    private final Path dir;
    private final Path log;
    private final ShutdownCleanup cleanup;
    private Process dhcpd;

    private ProbeDhcpdLab(Addressing addressing, Optional<Ipv4Address> serverIdentifier, Path dir) {
        this.addressing = addressing;
        this.serverIdentifier = serverIdentifier;
        this.netns = PREFIX + addressing.tag;
        this.interfaceName = PREFIX + addressing.tag;
        this.linkNetns = netns + "-link";
        this.dir = dir;
        this.log = dir.resolve("dhcpd.log");
        this.cleanup = new ShutdownCleanup(netns + "-cleanup", this::cleanUp);
    }

    static ProbeDhcpdLab start(Addressing addressing) throws IOException {
        return start(addressing, Optional.empty());
    }

    /** With {@code server-identifier} set in dhcpd.conf, as the per-role include renders it. */
    static ProbeDhcpdLab start(Addressing addressing, Optional<Ipv4Address> serverIdentifier)
            throws IOException {
        removeStale();
        ProbeDhcpdLab lab =
                new ProbeDhcpdLab(addressing, serverIdentifier, Files.createTempDirectory(PREFIX));
        lab.cleanup.register();
        try {
            lab.createNetwork();
            lab.writeFiles();
            lab.startDhcpd();
        } catch (IOException | RuntimeException | Error e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void createNetwork() {
        String peer = interfaceName + "l";
        require("ip", "netns", "add", netns);
        require("ip", "netns", "add", linkNetns);
        require("ip", "-n", netns, "link", "set", "lo", "up");
        require(
                "ip",
                "-n",
                netns,
                "link",
                "add",
                interfaceName,
                "type",
                "veth",
                "peer",
                "name",
                peer,
                "netns",
                linkNetns);
        require("ip", "-n", linkNetns, "link", "set", peer, "up");
        List<String> add =
                new ArrayList<>(
                        List.of(
                                "ip",
                                "-n",
                                netns,
                                "addr",
                                "add",
                                SERVER + addressing.prefix,
                                "dev",
                                interfaceName));
        add.addAll(addressing.extra);
        require(add.toArray(String[]::new));
        require("ip", "-n", netns, "link", "set", interfaceName, "up");
        // a fresh veth gets carrier a moment after "up"; until then Java calls it down
        await(interfaceName + " has carrier")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () ->
                                quietly("ip", "-n", netns, "link", "show", interfaceName)
                                        .contains("state UP"));
        if (addressing == Addressing.SLASH_32_ONLINK_DEFAULT) {
            require(
                    "ip",
                    "-n",
                    netns,
                    "route",
                    "add",
                    "169.254.1.1",
                    "dev",
                    interfaceName,
                    "scope",
                    "link");
            require(
                    "ip",
                    "-n",
                    netns,
                    "route",
                    "add",
                    "default",
                    "via",
                    "169.254.1.1",
                    "dev",
                    interfaceName);
        }
    }

    private void writeFiles() throws IOException {
        String config =
                resource("lone-dhcpd.conf")
                        .replace("@SERVER_NETWORK@", SERVER_NETWORK.network().toString())
                        .replace("@SERVER_NETMASK@", SERVER_NETWORK.netmask().toString())
                        .replace("@PROBE_NETWORK@", PROBE_SUBNET.network().toString())
                        .replace("@PROBE_NETMASK@", PROBE_SUBNET.netmask().toString())
                        .replace("@PROBE_FIRST@", PROBE_SUBNET.host(1).toString())
                        .replace(
                                "@PROBE_LAST@",
                                PROBE_SUBNET.host(PROBE_SUBNET.size() - 2).toString());
        String identity = serverIdentifier.map(id -> "server-identifier " + id + ";\n").orElse("");
        Files.writeString(dir.resolve("dhcpd.conf"), identity + config);
        Files.writeString(dir.resolve("dhcpd.leases"), "");
    }

    private void startDhcpd() throws IOException {
        DhcpdInvocation invocation =
                new DhcpdInvocation(
                        "/usr/sbin/dhcpd",
                        dir.resolve("dhcpd.conf"),
                        dir.resolve("dhcpd.leases"),
                        Optional.of(interfaceName),
                        Optional.of(netns),
                        "ip");
        dhcpd =
                new ProcessBuilder(invocation.serveCommand())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        await("dhcpd in " + netns + " serving")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> {
                            if (!dhcpd.isAlive()) {
                                throw new IllegalStateException(
                                        "dhcpd exited with "
                                                + dhcpd.exitValue()
                                                + ":\n"
                                                + logText());
                            }
                            return logText().contains("Server starting service.");
                        });
    }

    /** The in-JVM probe, run on a thread inside this namespace. */
    ProbeOutcome probeInside() throws Exception {
        return probeInside(Optional.empty());
    }

    /** The in-JVM probe expecting {@code serverIdentifier} (else the interface's address). */
    ProbeOutcome probeInside(Optional<Ipv4Address> expected) throws Exception {
        return NamespaceThread.call(
                netns,
                () ->
                        DhcpProbe.local(
                                interfaceName, PROBE_SUBNET, Duration.ofSeconds(2), expected));
    }

    /** The in-JVM probe with the packet socket reported as unavailable (as without CAP_NET_RAW). */
    ProbeOutcome probeInsideWithoutPacketSocket() throws Exception {
        return NamespaceThread.call(
                netns,
                () ->
                        DhcpProbe.local(
                                interfaceName,
                                PROBE_SUBNET,
                                Duration.ofSeconds(2),
                                Optional.empty(),
                                DhcpProbe.REPLY_ADDRESS,
                                () ->
                                        new PacketSocket.Opening.Unavailable(
                                                "socket(AF_PACKET) failed: EPERM (simulated)")));
    }

    /**
     * The operator command {@code probe --netns … --interface … --probe-subnet …} as its own JVM,
     * started through {@code launcher} (e.g. {@code setpriv --bounding-set -net_raw}) when given.
     */
    CommandResult probeCommand(String... launcher) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher));
        command.addAll(
                List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dk.npflan.dhcp.Main",
                        "probe",
                        "--netns",
                        netns,
                        "--interface",
                        interfaceName,
                        "--probe-subnet",
                        PROBE_SUBNET.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("probe command did not finish: " + out);
        }
        return new CommandResult(p.exitValue(), out);
    }

    /** A finished process: exit code and combined output. */
    record CommandResult(int exitCode, String output) {}

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        cleanup.close();
    }

    private synchronized void cleanUp() {
        if (dhcpd != null) {
            ChildProcess.stopAll(List.of(dhcpd), Duration.ofSeconds(5));
        }
        quietly("ip", "netns", "del", netns);
        quietly("ip", "netns", "del", linkNetns);
        deleteTree(dir);
    }

    /**
     * Kills what still runs in {@code nbd-probe-*} namespaces of an interrupted run; deletes them.
     */
    static void removeStale() {
        for (String line : quietly("ip", "netns", "list").split("\n")) {
            String name = line.split(" ")[0];
            if (name.startsWith(PREFIX)) {
                for (String pid : quietly("ip", "netns", "pids", name).split("\\s+")) {
                    if (pid.matches("\\d+")) {
                        ProcessHandle.of(Long.parseLong(pid))
                                .ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                quietly("ip", "netns", "del", name);
            }
        }
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            dirs.filter(d -> d.getFileName().toString().startsWith(PREFIX))
                    .forEach(ProbeDhcpdLab::deleteTree);
        } catch (IOException e) {
            // stale temp files only
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files only; nothing else to do
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ProbeDhcpdLab.class.getResourceAsStream("/probe/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /probe/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void require(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " interrupted", e);
        }
    }

    private static String quietly(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return ""; // best effort: the object may already be gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
