package dk.npflan.dhcp.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads a config bundle from a directory (a mounted ConfigMap) and hashes it exactly as it was
 * published: the three files in their fixed order, each either plain or as {@code <name>.gz} (the
 * form the rollout uses for bundles too large for a ConfigMap's text data). The one place that
 * turns a directory into a {@link RenderedConfig}, so the agent's "mounted hash" and the
 * publisher's hash can never be computed two ways.
 */
public final class BundleFiles {

    /** The bundle's files in hash order. */
    public static final List<String> NAMES =
            List.of(
                    RenderedConfig.CONFIG,
                    PeerRole.PRIMARY.fileName(),
                    PeerRole.SECONDARY.fileName());

    /** Suffix of a gzip-compressed file in the bundle. */
    public static final String GZIP_SUFFIX = ".gz";

    private BundleFiles() {}

    /**
     * The bundle in {@code dir}, or empty when one of the three files is missing (a ConfigMap not
     * projected yet). A plain file wins over its {@code .gz} twin.
     *
     * @throws UncheckedIOException when a file exists but cannot be read or decompressed
     */
    public static Optional<RenderedConfig> read(Path dir) {
        return read(dir, NAMES);
    }

    /**
     * As {@link #read(Path)} for another backend's files ({@code ServerBackend.fileNames()}), in
     * that hash order.
     */
    public static Optional<RenderedConfig> read(Path dir, List<String> names) {
        Path base = snapshot(dir);
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : names) {
            Optional<String> content = readOne(base, name);
            if (content.isEmpty()) {
                return Optional.empty();
            }
            files.put(name, content.get());
        }
        return Optional.of(RenderedConfig.of(files));
    }

    /**
     * The kubelet projects a ConfigMap as {@code ..data -> ..<timestamp>/} and swaps that symlink
     * atomically; reading all three files through the resolved target keeps them from one version.
     */
    private static Path snapshot(Path dir) {
        Path data = dir.resolve("..data");
        if (Files.isSymbolicLink(data)) {
            try {
                return data.toRealPath();
            } catch (IOException e) {
                return dir;
            }
        }
        return dir;
    }

    private static Optional<String> readOne(Path dir, String name) {
        try {
            return Optional.of(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return readGzip(dir.resolve(name + GZIP_SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(name), e);
        }
    }

    private static Optional<String> readGzip(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
