package dk.npflan.dhcp.rollout.local;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The files a {@code serve} keeps in its run directory so that the next one can adopt what it left
 * running: the agents' token and OMAPI key, and a record of the processes' PIDs. Readable by the
 * owner only (0600, directories 0700): the token restarts dhcpd, the key talks OMAPI to it.
 */
final class RunFiles {

    private RunFiles() {}

    /** {@code dir} and its parents, {@code dir} itself owner-only. */
    static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Replaces {@code file} with {@code text}, owner-only from its first byte. */
    static void write(Path file, String text) {
        try {
            Path next =
                    Files.createTempFile(
                            file.getParent(),
                            file.getFileName().toString(),
                            ".new",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(next, text);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes {@code pids} (name → PID) to {@code file}. */
    static void writePids(Path file, Map<String, Long> pids) {
        StringBuilder text = new StringBuilder("# processes left running for the next serve\n");
        new TreeMap<>(pids)
                .forEach((name, pid) -> text.append(name).append('=').append(pid).append('\n'));
        write(file, text.toString());
    }

    /** The PIDs {@link #writePids} wrote; empty when there is no such file. */
    static Map<String, Long> readPids(Path file) {
        Map<String, Long> pids = new TreeMap<>();
        try {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(file)));
            properties.forEach((name, pid) -> pids.put((String) name, Long.valueOf((String) pid)));
        } catch (IOException | NumberFormatException e) {
            return Map.of();
        }
        return pids;
    }

    /** The process recorded under {@code name}, if it still runs. */
    static Optional<ProcessHandle> running(Map<String, Long> pids, String name) {
        return Optional.ofNullable(pids.get(name))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive);
    }
}
