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
    private record Command(String name, String debianPackage, String neededFor) {

        String missing() {
            return "no "
                    + name
                    + " on PATH ("
                    + neededFor
                    + "): apt-get install -y "
                    + debianPackage;
        }
    }

    private static final Command DHCRELAY =
            new Command("dhcrelay", "isc-dhcp-relay", "the relay in front of nbd-client");

    private static final List<Command> REQUIRED =
            List.of(
                    new Command("ip", "iproute2", "the pair's network namespaces"),
                    new Command("dhcpd", "isc-dhcp-server", "the failover peers"),
                    DHCRELAY);

    private static final Command DHCLIENT =
            new Command("dhclient", "isc-dhcp-client", "to get a lease in nbd-client");

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
                    Stream.concat(REQUIRED.stream(), Stream.of(DHCLIENT))
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

    /** What this machine lacks for the pair and its relay; empty = it can run. */
    public static List<String> missing() {
        return missing(Facts.ofThisMachine());
    }

    /** What a machine with these facts lacks for the pair and its relay; empty = it can run. */
    public static List<String> missing(Facts facts) {
        List<String> missing = new ArrayList<>();
        if (facts.uid() != 0) {
            missing.add(
                    "not root (uid "
                            + facts.uid()
                            + "): the local pair creates network namespaces; run serve as root,"
                            + " e.g. sudo -E bin/netbox-dhcpd serve");
        }
        for (Command command : REQUIRED) {
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
        return facts.onPath().contains(DHCLIENT.name()) ? List.of() : List.of(DHCLIENT.missing());
    }

    /** Fails with the install hint when {@code dhcrelay} is not on PATH. */
    static void requireDhcrelay() {
        if (findOnPath(DHCRELAY.name()).isEmpty()) {
            throw new IllegalStateException(DHCRELAY.missing());
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
