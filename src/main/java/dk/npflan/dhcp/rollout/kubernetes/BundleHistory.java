package dk.npflan.dhcp.rollout.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.PublishedBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of the history ConfigMap: {@code data.last-good} = hash of the last good bundle,
 * {@code data.history} = kept hashes newest first, and per kept bundle {@code
 * binaryData.<hash>.json.gz} (gzipped JSON with its files, generated-at and NetBox request ids).
 * The newest bundles are kept up to a count and while the whole fits the 1 MiB cap; the last good
 * one always stays.
 */
record BundleHistory(Map<String, String> data, Map<String, String> binaryData) {

    static final String LAST_GOOD_KEY = "last-good";
    static final String HISTORY_KEY = "history";
    static final String ENTRY_SUFFIX = ".json.gz";

    private static final ObjectMapper JSON = new ObjectMapper();

    BundleHistory {
        data = data == null ? Map.of() : Map.copyOf(data);
        binaryData = binaryData == null ? Map.of() : Map.copyOf(binaryData);
    }

    Optional<String> lastGoodHash() {
        return Optional.ofNullable(data.get(LAST_GOOD_KEY)).filter(hash -> !hash.isBlank());
    }

    /** Kept hashes, newest first. */
    List<String> hashes() {
        String list = data.getOrDefault(HISTORY_KEY, "");
        return Arrays.stream(list.split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
    }

    Optional<PublishedBundle> lastGood() {
        return lastGoodHash().flatMap(this::bundle);
    }

    /**
     * The kept bundle with {@code hash}; empty when absent or when its content no longer hashes to
     * it.
     */
    Optional<PublishedBundle> bundle(String hash) {
        String stored = binaryData.get(hash + ENTRY_SUFFIX);
        if (stored == null) {
            return Optional.empty();
        }
        PublishedBundle bundle =
                fromJson(ConfigMapBundle.gunzip(Base64.getDecoder().decode(stored)));
        return bundle.hash().equals(hash) ? Optional.of(bundle) : Optional.empty();
    }

    /**
     * This history with {@code good} as last good and newest entry, keeping at most {@code older}
     * earlier bundles, fewer when they would not fit a ConfigMap.
     */
    BundleHistory withLastGood(PublishedBundle good, int older) {
        List<String> kept = new ArrayList<>();
        Map<String, String> entries = new LinkedHashMap<>();
        String goodEntry = Base64.getEncoder().encodeToString(ConfigMapBundle.gzip(toJson(good)));
        long bytes = Base64.getDecoder().decode(goodEntry).length;
        if (bytes > ConfigMapBundle.CONFIG_MAP_LIMIT_BYTES) {
            throw new BundleTooLargeException(
                    String.format(
                            "bundle %s is %d bytes gzipped: it does not fit the history ConfigMap",
                            good.hash(), bytes));
        }
        kept.add(good.hash());
        entries.put(good.hash() + ENTRY_SUFFIX, goodEntry);
        for (String hash : hashes()) {
            String entry = binaryData.get(hash + ENTRY_SUFFIX);
            if (kept.size() > older || entry == null || kept.contains(hash)) {
                continue;
            }
            long entryBytes = Base64.getDecoder().decode(entry).length;
            if (bytes + entryBytes > ConfigMapBundle.CONFIG_MAP_LIMIT_BYTES) {
                break;
            }
            bytes += entryBytes;
            kept.add(hash);
            entries.put(hash + ENTRY_SUFFIX, entry);
        }
        return new BundleHistory(
                Map.of(LAST_GOOD_KEY, good.hash(), HISTORY_KEY, String.join(",", kept)), entries);
    }

    private static byte[] toJson(PublishedBundle bundle) {
        ObjectNode root = JSON.createObjectNode();
        root.put("hash", bundle.hash());
        root.put("generatedAt", bundle.generatedAt().toString());
        bundle.netboxRequestIds().forEach(root.putArray("netboxRequestIds")::add);
        ObjectNode files = root.putObject("files");
        bundle.bundle().files().forEach(files::put);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException("history entry to JSON", e);
        }
    }

    private static PublishedBundle fromJson(byte[] json) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, String> files = new LinkedHashMap<>();
            root.path("files")
                    .fields()
                    .forEachRemaining(f -> files.put(f.getKey(), f.getValue().asText()));
            List<String> ids = new ArrayList<>();
            root.path("netboxRequestIds").forEach(id -> ids.add(id.asText()));
            return new PublishedBundle(
                    RenderedConfig.of(files),
                    Instant.parse(root.path("generatedAt").asText()),
                    List.copyOf(ids));
        } catch (IOException e) {
            throw new UncheckedIOException("history entry is not valid JSON", e);
        }
    }
}
