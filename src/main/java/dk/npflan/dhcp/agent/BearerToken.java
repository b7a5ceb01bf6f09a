package dk.npflan.dhcp.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The token that authorises {@code POST /restart}, read from a mounted Secret on every request (so
 * a rotated Secret takes effect without restarting the agent) and compared in constant time. No
 * file or an empty one means every request is refused.
 */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private final Path file;

    public BearerToken(Path file) {
        this.file = file;
    }

    /** The current token, for the redactor; empty when the file is missing or blank. */
    public Optional<String> current() {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code authorization} (the header value, may be null) carries the token. */
    public boolean accepts(String authorization) {
        Optional<String> expected = current();
        if (expected.isEmpty()
                || authorization == null
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] given =
                authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(
                sha256(given), sha256(expected.get().getBytes(StandardCharsets.UTF_8)));
    }

    /** Equal-length inputs for the comparison, so not even the token's length leaks. */
    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
