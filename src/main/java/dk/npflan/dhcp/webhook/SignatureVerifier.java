package dk.npflan.dhcp.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks NetBox's {@code X-Hook-Signature}: the hex HMAC-SHA512 of the exact body bytes, keyed with
 * the webhook secret. The comparison is constant-time over the decoded bytes, so neither the
 * position of the first wrong byte nor the hex letter case leaks through timing. NetBox always
 * sends lower case; upper case is accepted because it encodes the same MAC.
 */
public final class SignatureVerifier {

    /** Why a signature was accepted or not. */
    public enum Result {
        VALID,
        MISSING,
        MALFORMED,
        MISMATCH
    }

    private static final String ALGORITHM = "HmacSHA512";
    private static final int HEX_LENGTH = 128;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public SignatureVerifier(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the webhook secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public Result check(byte[] body, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return Result.MISSING;
        }
        String hex = signatureHeader.strip();
        if (hex.length() != HEX_LENGTH) {
            return Result.MALFORMED;
        }
        byte[] provided;
        try {
            provided = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            return Result.MALFORMED;
        }
        return MessageDigest.isEqual(sign(body), provided) ? Result.VALID : Result.MISMATCH;
    }

    /** The lowercase hex signature NetBox would send for this body. */
    public String signHex(byte[] body) {
        return HexFormat.of().formatHex(sign(body));
    }

    private byte[] sign(byte[] body) {
        return macs.get().doFinal(body);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is not available in this JVM", e);
        }
    }
}
