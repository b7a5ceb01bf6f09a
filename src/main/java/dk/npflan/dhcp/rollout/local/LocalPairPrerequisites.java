package dk.npflan.dhcp.rollout.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What this machine lacks to run the {@link LocalPair} and its {@link ClientNetwork}, each as one
 * sentence that says how to get it. {@code serve} asks before it tries, so a machine without root
 * or dhcpd gets "renders and validates only, because …" instead of a stack trace from {@code ip
 * netns add}. The checks are plain functions of {@link Facts}, so they are tested without the
 * machine.
 */
public final class LocalPairPrerequisites {

    /** A command the pair needs and the Debian package that brings it. */
    record Command(String name, String debianPackage, String neededFor) {

        static final Command IP = new Command("ip", "iproute2", "the pair's network namespaces");
        static final Command DHCPD = new Command("dhcpd", "isc-dhcp-server", "the failover peers");
        static final Command KEA_DHCP4 =
                new Command("kea-dhcp4", "kea-dhcp4-server", "the Kea HA peers");
        static final Command KEA_CTRL_AGENT =
                new Command(
                        "kea-ctrl-agent", "kea-ctrl-agent", "the HTTP the Kea HA peers talk over");
        static final Command UNSHARE =
                new Command(
                        "unshare", "util-linux", "each Kea peer's own /run/kea and /var/lib/kea");
        static final Command DHCRELAY =
                new Command("dhcrelay", "isc-dhcp-relay", "the relay in front of nbd-client");
        static final Command DHCLIENT =
                new Command("dhclient", "isc-dhcp-client", "to get a lease in nbd-client");

        String missing() {
            return "no "
                    + name
                    + " on PATH ("
                    + neededFor
                    + "): apt-get install -y "
                    + debianPackage;
        }
    }

    /** What a pair of {@code server} needs, in the order a missing one is reported. */
    private static List<Command> required(PairServer server) {
        List<Command> required = new ArrayList<>(List.of(Command.IP));
        required.addAll(server.commands());
        required.add(Command.DHCRELAY);
        return required;
    }

    /**
     * What the checks look at.
     *
     * @param uid the effective user id of this process (namespaces need 0)
     * @param onPath the names of the executables found on {@code PATH}, of those asked about
     */
    public record Facts(long uid, Set<String> onPath) {

        public Facts {
            onPath = Set.copyOf(onPath);
        }

        /** This process's effective uid and which of the commands the checks name are on PATH. */
        public static Facts ofThisMachine() {
            Set<String> names =
                    Stream.concat(
                                    Stream.of(PairServer.values())
                                            .flatMap(server -> required(server).stream()),
                                    Stream.of(Command.DHCLIENT))
                            .map(Command::name)
                            .collect(Collectors.toSet());
            return new Facts(
                    effectiveUid(),
                    names.stream()
                            .filter(name -> findOnPath(name).isPresent())
                            .collect(Collectors.toSet()));
        }
    }

    private LocalPairPrerequisites() {}

    /** What this machine lacks for the dhcpd pair and its relay; empty = it can run. */
    public static List<String> missing() {
        return missing(PairServer.DHCPD);
    }

    /** What this machine lacks for a pair of {@code server} and its relay; empty = it can run. */
    public static List<String> missing(PairServer server) {
        return missing(Facts.ofThisMachine(), server);
    }

    /** {@link #missing(Facts, PairServer)} for the dhcpd pair. */
    public static List<String> missing(Facts facts) {
        return missing(facts, PairServer.DHCPD);
    }

    /** What a machine with these facts lacks for a pair of {@code server}; empty = it can run. */
    public static List<String> missing(Facts facts, PairServer server) {
        List<String> missing = new ArrayList<>();
        if (facts.uid() != 0) {
            missing.add(
                    "not root (uid "
                            + facts.uid()
                            + "): the local pair creates network namespaces; run serve as root,"
                            + " e.g. sudo -E bin/netbox-dhcpd serve");
        }
        for (Command command : required(server)) {
            if (!facts.onPath().contains(command.name())) {
                missing.add(command.missing());
            }
        }
        return missing;
    }

    /**
     * What would be nice but is not needed to run: {@code dhclient}, the client the README's lease
     * command uses (any DHCP client in {@code nbd-client} does).
     */
    public static List<String> hints() {
        return hints(Facts.ofThisMachine());
    }

    public static List<String> hints(Facts facts) {
        return facts.onPath().contains(Command.DHCLIENT.name())
                ? List.of()
                : List.of(Command.DHCLIENT.missing());
    }

    /** Fails with the install hint when {@code dhcrelay} is not on PATH. */
    static void requireDhcrelay() {
        if (findOnPath(Command.DHCRELAY.name()).isEmpty()) {
            throw new IllegalStateException(Command.DHCRELAY.missing());
        }
    }

    /** Where {@code name} is on PATH, as {@link ProcessBuilder} would find it. */
    static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The effective uid from {@code /proc/self/status}, else from {@code id -u}; -1 if neither. */
    private static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or /proc not mounted: ask id
        }
        HostCommand id = HostCommand.run("id", "-u");
        String out = id.output().trim();
        return id.exitCode() == 0 && out.matches("\\d+") ? Long.parseLong(out) : -1;
    }
}
