package dk.npflan.dhcp.omapi;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared secret that authenticates us to dhcpd's OMAPI listener: the same name, algorithm and
 * secret as dhcpd's {@code key} statement named by {@code omapi-key}. It signs our messages and checks
 * dhcpd's answers. The secret comes from a Kubernetes Secret at run time; {@link #toString()} never
 * shows it, so a key can be logged by accident without leaking.
 *
 * @param name the key name, as in {@code key NAME { … }}
 * @param secret the decoded secret bytes
 */
public record OmapiKey(String name, byte[] secret) {

    /** The algorithm name OMAPI uses on the wire for HMAC-MD5 (the only one dhcpd's omshell defaults to). */
    public static final String WIRE_ALGORITHM = "hmac-md5.SIG-ALG.REG.INT.";
    /** Length of an HMAC-MD5 signature. */
    public static final int SIGNATURE_LENGTH = 16;

    public OmapiKey {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("key name is empty");
        }
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("key " + name + " has an empty secret");
        }
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** HMAC-MD5 of {@code data} with this key. */
    public byte[] sign(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(secret, "HmacMD5"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacMD5 unavailable in this JVM", e);
        }
    }

    /** Constant-time check that {@code signature} is this key's signature of {@code data}. */
    public boolean verifies(byte[] data, byte[] signature) {
        return MessageDigest.isEqual(sign(data), signature);
    }

    /** The object part of the OMAPI {@code authenticator} open: key name and algorithm, never the secret. */
    public Map<String, byte[]> authenticatorObject() {
        Map<String, byte[]> object = new LinkedHashMap<>();
        object.put("name", name.getBytes(StandardCharsets.US_ASCII));
        object.put("algorithm", WIRE_ALGORITHM.getBytes(StandardCharsets.US_ASCII));
        return object;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OmapiKey k && k.name.equals(name) && MessageDigest.isEqual(k.secret, secret);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "OmapiKey[name=" + name + ", algorithm=hmac-md5, secret=<redacted>]";
    }
}
