package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.RenderedConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The mounted bundle's hash for {@code GET /state}, read again only when one of its files changed
 * (the resolved {@code ..data} target, and each file's and its {@code .gz} twin's identity, size
 * and modification time). A Kea bundle at 10,000 pools is two 6 MB files: reading and hashing them
 * on every {@code /state}, which the listener asks for every second per wait and once per {@code
 * /status}, kept a loaded agent from answering in time (docs/benchmarks.md §23); dhcpd's 2.8 MB
 * {@code dhcpd.conf} at the same size is read here too, for {@code /state} and the metrics. The
 * stamp is taken before the read, so a change during the read is seen by the next call. The apply
 * itself always reads and hashes the files it applies.
 */
public final class MountedHash {

    private final Path dir;
    private final List<String> names;
    private final Supplier<Optional<RenderedConfig>> read;
    private List<Object> stamp;
    private Optional<String> hash = Optional.empty();

    public MountedHash(Path dir, List<String> names, Supplier<Optional<RenderedConfig>> read) {
        this.dir = dir;
        this.names = List.copyOf(names);
        this.read = read;
    }

    /** The hash of the bundle in the directory; empty when it is incomplete or unreadable. */
    public synchronized Optional<String> get() {
        List<Object> now = stamp();
        if (!now.equals(stamp)) {
            try {
                hash = read.get().map(RenderedConfig::sha256);
            } catch (UncheckedIOException e) {
                hash = Optional.empty();
            }
            stamp = now;
        }
        return hash;
    }

    private List<Object> stamp() {
        List<Object> stamp = new ArrayList<>();
        Path base = dir;
        Path data = dir.resolve("..data");
        if (Files.isSymbolicLink(data)) {
            try {
                base = data.toRealPath();
            } catch (IOException e) {
                // as BundleFiles: read the directory itself
            }
        }
        stamp.add(base.toString());
        for (String name : names) {
            stamp.add(attributes(base.resolve(name)));
            stamp.add(attributes(base.resolve(name + BundleFiles.GZIP_SUFFIX)));
        }
        return stamp;
    }

    private static Object attributes(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(String.valueOf(a.fileKey()), a.size(), a.lastModifiedTime().toMillis());
        } catch (NoSuchFileException e) {
            return "absent";
        } catch (IOException e) {
            // unstampable: never equal to the last stamp, so it is read (and fails) every time
            return new Object();
        }
    }
}
