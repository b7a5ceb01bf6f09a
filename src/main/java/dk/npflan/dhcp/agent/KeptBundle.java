package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.RenderedConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The bundle this peer last ran successfully, kept on its persistent volume so that a restart of
 * the agent (container restart, OOM kill, eviction) boots what the peer ran, never a bundle the
 * rollout has not moved it to yet. The layout is the kubelet's: the files and their hash in a
 * directory {@code ..<hash>-<n>}, and a symlink {@code ..data} to it that is replaced atomically (a
 * rename), so a reader sees the old bundle or the new one, never a mix; {@link BundleFiles} reads
 * it as it reads a mounted ConfigMap.
 */
public final class KeptBundle {

    private static final Logger LOG = Logger.getLogger(KeptBundle.class);
    private static final String DATA = "..data";
    private static final String HASH_FILE = "sha256";

    private final Path dir;
    private final List<String> names;

    /**
     * @param dir the directory on the persistent volume (created when the first bundle is kept)
     * @param names the bundle's files in hash order ({@link BundleFiles#NAMES} for dhcpd)
     */
    public KeptBundle(Path dir, List<String> names) {
        this.dir = dir;
        this.names = List.copyOf(names);
    }

    /**
     * Where {@code agent} keeps its bundle: {@code netbox-dhcpd.agent.kept-bundle-dir}, by default
     * {@code <the lease file's directory>/netbox-dhcpd/kept-<role>} (the persistent volume; the
     * role in the name keeps two peers on one machine apart).
     */
    public static KeptBundle of(AgentSettings agent, Path leaseFile, List<String> names) {
        Path dir =
                agent.keptBundleDir()
                        .orElseGet(
                                () ->
                                        leaseFile
                                                .toAbsolutePath()
                                                .getParent()
                                                .resolve("netbox-dhcpd")
                                                .resolve("kept-" + agent.role().keyword()));
        return new KeptBundle(dir, names);
    }

    public Path dir() {
        return dir;
    }

    /**
     * The kept bundle; empty when none was kept yet (a first install) or what is there is not a
     * complete bundle matching its recorded hash (then logged as an error).
     */
    public Optional<RenderedConfig> read() {
        Path data = dir.resolve(DATA);
        if (!Files.isSymbolicLink(data)) {
            return Optional.empty();
        }
        try {
            Optional<RenderedConfig> bundle = BundleFiles.read(dir, names);
            String recorded =
                    Files.readString(data.resolve(HASH_FILE), StandardCharsets.UTF_8).strip();
            if (bundle.isPresent() && bundle.get().sha256().equals(recorded)) {
                return bundle;
            }
            LOG.errorf(
                    "kept bundle in %s is incomplete or does not hash to its recorded %s;"
                            + " ignoring it",
                    dir, recorded);
        } catch (IOException | UncheckedIOException e) {
            LOG.errorf("cannot read the kept bundle in %s: %s; ignoring it", dir, e.getMessage());
        }
        return Optional.empty();
    }

    /** Keeps {@code bundle} in place of the one kept before, atomically. */
    public void keep(RenderedConfig bundle) throws IOException {
        Files.createDirectories(dir);
        Path version =
                Files.createTempDirectory(dir, ".." + bundle.sha256().substring(0, 12) + "-");
        for (Map.Entry<String, String> file : bundle.files().entrySet()) {
            writeDurably(version.resolve(file.getKey()), file.getValue());
        }
        writeDurably(version.resolve(HASH_FILE), bundle.sha256() + "\n");
        Path link = dir.resolve(DATA + ".tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, version.getFileName());
        Files.move(link, dir.resolve(DATA), StandardCopyOption.ATOMIC_MOVE);
        removeAllBut(version.getFileName());
    }

    /** On disk before the link names it: a node that loses power keeps the old or the new. */
    private static void writeDurably(Path file, String content) throws IOException {
        try (FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }

    /** Old versions and leftovers of an interrupted {@link #keep}; best effort. */
    private void removeAllBut(Path current) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "..*")) {
            for (Path entry : entries) {
                Path name = entry.getFileName();
                if (!name.equals(current)
                        && !name.toString().equals(DATA)
                        && Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    delete(entry);
                }
            }
        } catch (IOException e) {
            LOG.debugf("cannot clean %s: %s", dir, e.getMessage());
        }
    }

    private static void delete(Path tree) throws IOException {
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException e) {
                    // gone already
                }
            }
        }
    }
}
