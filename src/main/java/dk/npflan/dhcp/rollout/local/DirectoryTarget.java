package dk.npflan.dhcp.rollout.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.Peer;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.PublishedBundle;
import dk.npflan.dhcp.rollout.RolloutControl;
import dk.npflan.dhcp.rollout.RolloutControlCodec;
import dk.npflan.dhcp.rollout.RolloutControlStore;
import dk.npflan.dhcp.rollout.RolloutTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A target where publishing means writing files: each peer's config directory is updated the way
 * the kubelet updates a ConfigMap volume (the bundle goes into a new {@code ..<n>} directory, then
 * the {@code ..data} symlink is swapped atomically), so an agent reads the old bundle or the new
 * one, never a mix. The embedded run (the local pair) and docker-compose (one shared volume) use
 * it; the roller cannot tell it from a ConfigMap.
 *
 * <p>What a ConfigMap's annotations and the history ConfigMap hold lives in {@code stateDir}: the
 * metadata of the published bundle, the last good hash, and the last {@code historySize} bundles. A
 * file lock on {@code stateDir} serialises publishers (two processes on one machine).
 */
public final class DirectoryTarget implements RolloutTarget {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA = "..data";
    private static final String VERSION_PREFIX = "..v";

    /**
     * A file lock is held per JVM, not per thread ({@link FileChannel#lock()} throws
     * OverlappingFileLockException for a second channel in the same JVM): so threads of one process
     * queue on this monitor first, processes on the file lock.
     */
    private static final Map<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    private final List<Path> configDirs;
    private final Path stateDir;
    private final Map<PeerRole, Peer> peers;
    private final int historySize;
    private final List<String> fileNames;

    /**
     * @param fileNames the backend's bundle files ({@code ServerBackend.fileNames()}), in hash
     *     order: what {@link #published()} and {@link #lastGood()} read back
     */
    public DirectoryTarget(
            List<Path> configDirs,
            Path stateDir,
            Map<PeerRole, Peer> peers,
            int historySize,
            List<String> fileNames) {
        this.fileNames = List.copyOf(fileNames);
        if (configDirs.isEmpty()) {
            throw new IllegalArgumentException("at least one config directory");
        }
        this.configDirs = List.copyOf(configDirs);
        this.stateDir = stateDir;
        this.peers = Map.copyOf(peers);
        this.historySize = historySize;
    }

    @Override
    public Optional<PublishedBundle> published() {
        return BundleFiles.read(configDirs.get(0), fileNames)
                .map(bundle -> withMetadata(bundle, stateDir.resolve("published.json")));
    }

    @Override
    public PublishedBundle publish(RenderedConfig bundle, PublishMetadata metadata) {
        PublishedBundle published =
                new PublishedBundle(bundle, metadata.generatedAt(), metadata.netboxRequestIds());
        locked(
                () -> {
                    for (Path dir : configDirs) {
                        swapIn(dir, bundle);
                    }
                    writeMetadata(stateDir.resolve("published.json"), published);
                    keepInHistory(published);
                });
        return published;
    }

    @Override
    public Optional<PublishedBundle> lastGood() {
        Path marker = stateDir.resolve("last-good");
        if (!Files.exists(marker)) {
            return Optional.empty();
        }
        String hash = read(marker).strip();
        Path dir = history().resolve(hash);
        return BundleFiles.read(dir, fileNames)
                .filter(b -> b.sha256().equals(hash))
                .map(b -> withMetadata(b, dir.resolve("metadata.json")));
    }

    @Override
    public void recordLastGood(PublishedBundle bundle) {
        locked(
                () -> {
                    keepInHistory(bundle);
                    writeAtomically(stateDir.resolve("last-good"), bundle.hash() + "\n");
                });
    }

    @Override
    public Peer peer(PeerRole role) {
        return peers.get(role);
    }

    /**
     * The pause and the held bundle in {@code stateDir/rollout-control.json}, written under the
     * same file lock as publishing, so processes sharing the state directory agree.
     */
    public RolloutControlStore control() {
        Path file = stateDir.resolve("rollout-control.json");
        return new RolloutControlStore() {
            @Override
            public RolloutControl read() {
                return readControl(file);
            }

            @Override
            public RolloutControl update(UnaryOperator<RolloutControl> change) {
                AtomicReference<RolloutControl> stored = new AtomicReference<>();
                locked(
                        () -> {
                            RolloutControl next = change.apply(readControl(file));
                            writeAtomically(
                                    file,
                                    JSON.valueToTree(RolloutControlCodec.encode(next)).toString());
                            stored.set(next);
                        });
                return stored.get();
            }
        };
    }

    private static RolloutControl readControl(Path file) {
        if (!Files.exists(file)) {
            return RolloutControl.NONE;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        try {
            JSON.readTree(file.toFile())
                    .fields()
                    .forEachRemaining(e -> entries.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return RolloutControlCodec.decode(entries);
    }

    /**
     * Writes {@code bundle} into a new directory beside {@code ..data}, then swaps the link. The
     * version the link pointed to before stays (a reader that resolved {@code ..data} just before
     * the swap is still reading it); older versions are deleted.
     */
    static void swapIn(Path dir, RenderedConfig bundle) {
        try {
            Files.createDirectories(dir);
            Path version = Files.createTempDirectory(dir, VERSION_PREFIX);
            for (Map.Entry<String, String> file : bundle.files().entrySet()) {
                Files.writeString(version.resolve(file.getKey()), file.getValue());
            }
            Path data = dir.resolve(DATA);
            Path previous = Files.isSymbolicLink(data) ? Files.readSymbolicLink(data) : null;
            Path link = dir.resolve(DATA + "_tmp");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, version.getFileName());
            Files.move(link, data, StandardCopyOption.ATOMIC_MOVE);
            for (String name : bundle.files().keySet()) {
                Path visible = dir.resolve(name);
                if (!Files.isSymbolicLink(visible)) {
                    Files.deleteIfExists(visible);
                    Files.createSymbolicLink(visible, Path.of(DATA, name));
                }
            }
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path old : entries.toList()) {
                    String name = old.getFileName().toString();
                    if (name.startsWith(VERSION_PREFIX)
                            && !old.getFileName().equals(version.getFileName())
                            && !old.getFileName().equals(previous)) {
                        deleteTree(old);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish into " + dir, e);
        }
    }

    private void keepInHistory(PublishedBundle bundle) {
        Path dir = history().resolve(bundle.hash());
        try {
            if (!Files.isDirectory(dir)) {
                Path tmp = Files.createTempDirectory(history(), ".new");
                for (Map.Entry<String, String> file : bundle.bundle().files().entrySet()) {
                    Files.writeString(tmp.resolve(file.getKey()), file.getValue());
                }
                writeMetadata(tmp.resolve("metadata.json"), bundle);
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.setLastModifiedTime(dir, FileTime.from(Instant.now()));
            prune();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + bundle.hash() + " in " + dir, e);
        }
    }

    /** Keeps the newest {@code historySize} bundles, and always the last good one. */
    private void prune() throws IOException {
        String lastGood =
                Files.exists(stateDir.resolve("last-good"))
                        ? read(stateDir.resolve("last-good")).strip()
                        : "";
        List<Path> kept = new ArrayList<>();
        try (Stream<Path> entries = Files.list(history())) {
            entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(DirectoryTarget::touched).reversed())
                    .forEach(kept::add);
        }
        for (int i = historySize; i < kept.size(); i++) {
            if (!kept.get(i).getFileName().toString().equals(lastGood)) {
                deleteTree(kept.get(i));
            }
        }
    }

    private static FileTime touched(Path dir) {
        try {
            return Files.getLastModifiedTime(dir);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private Path history() {
        Path dir = stateDir.resolve("history");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private void locked(Runnable action) {
        try {
            Files.createDirectories(stateDir);
            Path lockFile = stateDir.resolve(".lock");
            Object monitor =
                    IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> p);
            synchronized (monitor) {
                try (FileChannel channel =
                                FileChannel.open(
                                        lockFile,
                                        StandardOpenOption.CREATE,
                                        StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    action.run();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + stateDir, e);
        }
    }

    private static PublishedBundle withMetadata(RenderedConfig bundle, Path metadata) {
        if (!Files.exists(metadata)) {
            return new PublishedBundle(bundle, Instant.EPOCH, List.of());
        }
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(metadata.toFile());
            if (!bundle.sha256().equals(node.path("hash").asText())) {
                return new PublishedBundle(bundle, Instant.EPOCH, List.of());
            }
            List<String> ids = new ArrayList<>();
            node.path("netboxRequestIds").forEach(id -> ids.add(id.asText()));
            return new PublishedBundle(
                    bundle, Instant.parse(node.path("generatedAt").asText()), ids);
        } catch (IOException | RuntimeException e) {
            return new PublishedBundle(bundle, Instant.EPOCH, List.of());
        }
    }

    private static void writeMetadata(Path file, PublishedBundle bundle) {
        ObjectNode node = JSON.createObjectNode();
        node.put("hash", bundle.hash());
        node.put("generatedAt", bundle.generatedAt().toString());
        bundle.netboxRequestIds().forEach(node.putArray("netboxRequestIds")::add);
        writeAtomically(file, node.toString());
    }

    private static void writeAtomically(Path file, String content) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), ".tmp", "");
            Files.writeString(tmp, content);
            Files.move(
                    tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
