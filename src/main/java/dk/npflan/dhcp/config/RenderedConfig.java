package dk.npflan.dhcp.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rendered files in their fixed order ({@link #CONFIG}, then one failover file per role) and
 * their SHA-256, which is the identity of a config: equal hash, nothing to publish or restart.
 */
public record RenderedConfig(Map<String, String> files, String sha256) {

    /** The main file, identical on both peers. */
    public static final String CONFIG = "dhcpd.conf";

    public RenderedConfig {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * Hashes {@code files} in their iteration order: per file its name, a NUL, its byte length, a
     * NUL, its bytes.
     */
    public static RenderedConfig of(Map<String, String> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Integer.toString(content.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) 0);
                digest.update(content);
            }
            return new RenderedConfig(files, HexFormat.of().formatHex(digest.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    public String config() {
        return files.get(CONFIG);
    }

    public String failover(PeerRole role) {
        return files.get(role.fileName());
    }
}
