package dk.npflan.dhcp.rollout.kubernetes;

import dk.npflan.dhcp.config.RenderedConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A bundle as ConfigMap content (docs/rollout-kubernetes.md, "Objects"): the three files as {@code
 * data} keys, or, when the bundle is larger than {@link #COMPRESS_ABOVE_BYTES}, each file gzipped
 * into {@code binaryData} as {@code <name>.gz} (a 10,000-pool dhcpd.conf is ~2.4 MB; a ConfigMap
 * holds 1 MiB). The hash is always the one of the uncompressed bundle; the kubelet projects {@code
 * .gz} keys as files, which the agent reads as well.
 */
public record ConfigMapBundle(Map<String, String> data, Map<String, String> binaryData) {

    /** Bundles above this many bytes (all files, UTF-8) are stored gzipped. */
    public static final long COMPRESS_ABOVE_BYTES = 512L * 1024;

    /**
     * The API server's cap on a ConfigMap: the bytes of all {@code data} values plus the raw
     * (decoded) bytes of all {@code binaryData} values.
     */
    public static final long CONFIG_MAP_LIMIT_BYTES = 1024L * 1024;

    static final String GZIP_SUFFIX = ".gz";

    public ConfigMapBundle {
        data = Map.copyOf(data);
        binaryData = Map.copyOf(binaryData);
    }

    /**
     * Encodes {@code bundle}, whose files must be the backend's {@code fileNames} in that (hash)
     * order; throws {@link BundleTooLargeException} when even gzipped it exceeds the ConfigMap cap.
     */
    public static ConfigMapBundle encode(RenderedConfig bundle, List<String> fileNames) {
        if (!List.copyOf(bundle.files().keySet()).equals(fileNames)) {
            throw new IllegalArgumentException(
                    "a bundle has exactly the files "
                            + fileNames
                            + ", not "
                            + bundle.files().keySet());
        }
        long plainBytes = 0;
        for (String content : bundle.files().values()) {
            plainBytes += content.getBytes(StandardCharsets.UTF_8).length;
        }
        if (plainBytes <= COMPRESS_ABOVE_BYTES) {
            return new ConfigMapBundle(bundle.files(), Map.of());
        }
        Map<String, String> binary = new LinkedHashMap<>();
        long storedBytes = 0;
        for (Map.Entry<String, String> file : bundle.files().entrySet()) {
            byte[] gzipped = gzip(file.getValue().getBytes(StandardCharsets.UTF_8));
            storedBytes += gzipped.length;
            binary.put(file.getKey() + GZIP_SUFFIX, Base64.getEncoder().encodeToString(gzipped));
        }
        if (storedBytes > CONFIG_MAP_LIMIT_BYTES) {
            throw new BundleTooLargeException(
                    String.format(
                            "bundle %s is %d bytes, %d gzipped: more than the %d bytes a ConfigMap"
                                    + " holds",
                            bundle.sha256(), plainBytes, storedBytes, CONFIG_MAP_LIMIT_BYTES));
        }
        return new ConfigMapBundle(Map.of(), binary);
    }

    /**
     * The bundle in a ConfigMap's content, each of {@code fileNames} (in that order, the hash
     * order) taken from {@code data} or from its {@code .gz} in {@code binaryData}; empty when a
     * file is missing (e.g. the empty ConfigMap the manifests create so the pods can mount it).
     */
    public static Optional<RenderedConfig> decode(
            Map<String, String> data, Map<String, String> binaryData, List<String> fileNames) {
        Map<String, String> plain = data == null ? Map.of() : data;
        Map<String, String> binary = binaryData == null ? Map.of() : binaryData;
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : fileNames) {
            String content = plain.get(name);
            if (content == null && binary.containsKey(name + GZIP_SUFFIX)) {
                content =
                        new String(
                                gunzip(Base64.getDecoder().decode(binary.get(name + GZIP_SUFFIX))),
                                StandardCharsets.UTF_8);
            }
            if (content == null) {
                return Optional.empty();
            }
            files.put(name, content);
        }
        return Optional.of(RenderedConfig.of(files));
    }

    /** Bytes this content counts against the ConfigMap cap, as the API server counts them. */
    public long storedBytes() {
        long bytes = 0;
        for (String value : data.values()) {
            bytes += value.getBytes(StandardCharsets.UTF_8).length;
        }
        for (String value : binaryData.values()) {
            bytes += Base64.getDecoder().decode(value).length;
        }
        return bytes;
    }

    public boolean compressed() {
        return !binaryData.isEmpty();
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory", e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("stored bundle is not valid gzip", e);
        }
    }
}
