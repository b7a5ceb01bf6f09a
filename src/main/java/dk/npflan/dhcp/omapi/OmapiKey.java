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
 * secret as dhcpd's {@code key} statement named by {@code omapi-key}. It signs our messages and
 * checks dhcpd's answers. The secret comes from a Kubernetes Secret at run time; {@link
 * #toString()} never shows it, so a key can be logged by accident without leaking.
 *
 * @param name the key name, as in {@code key NAME { … }}
 * @param algorithm the HMAC algorithm of the key statement
 * @param secret the decoded secret bytes
 */
public record OmapiKey(String name, OmapiKeyAlgorithm algorithm, byte[] secret) {

    public OmapiKey {
        if (algorithm == null) {
            throw new IllegalArgumentException("key algorithm is missing");
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("key name is empty");
        }
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("key " + name + " has an empty secret");
        }
        secret = secret.clone();
    }

    /** An HMAC-MD5 key, dhcpd's and omshell's default. */
    public OmapiKey(String name, byte[] secret) {
        this(name, OmapiKeyAlgorithm.HMAC_MD5, secret);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** The HMAC of {@code data} with this key. */
    public byte[] sign(byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm.javaName());
            mac.init(new SecretKeySpec(secret, algorithm.javaName()));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(algorithm.javaName() + " unavailable in this JVM", e);
        }
    }

    /** Constant-time check that {@code signature} is this key's signature of {@code data}. */
    public boolean verifies(byte[] data, byte[] signature) {
        return MessageDigest.isEqual(sign(data), signature);
    }

    /**
     * The object part of the OMAPI {@code authenticator} open: key name and algorithm, never the
     * secret.
     */
    public Map<String, byte[]> authenticatorObject() {
        Map<String, byte[]> object = new LinkedHashMap<>();
        object.put("name", name.getBytes(StandardCharsets.US_ASCII));
        object.put("algorithm", algorithm.wireName().getBytes(StandardCharsets.US_ASCII));
        return object;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OmapiKey k
                && k.name.equals(name)
                && k.algorithm == algorithm
                && MessageDigest.isEqual(k.secret, secret);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "OmapiKey[name="
                + name
                + ", algorithm="
                + algorithm.dhcpdName()
                + ", secret=<redacted>]";
    }
}
