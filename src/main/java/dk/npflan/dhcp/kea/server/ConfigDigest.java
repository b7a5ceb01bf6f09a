package dk.npflan.dhcp.kea.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a Kea config with object keys sorted, so two configs that differ only in key order
 * have the same digest. Kea 2.2 has no {@code config-hash-get} (2.4 has), and its config-get is the
 * normalised form, so the only way to tell "the same config again" is to remember what was sent.
 */
final class ConfigDigest {

    private static final ObjectWriter SORTED =
            new ObjectMapper().writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

    private ConfigDigest() {}

    static String of(JsonNode config) {
        try {
            byte[] canonical = SORTED.writeValueAsBytes(config);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest a JSON tree", e);
        }
    }
}
