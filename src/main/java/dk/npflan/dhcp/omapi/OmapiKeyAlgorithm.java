package dk.npflan.dhcp.omapi;

import java.util.Locale;
import java.util.Optional;

/**
 * The HMAC algorithms dhcpd 4.4 accepts in a {@code key} statement, with the name OMAPI expects on
 * the wire (the dhcpd name plus {@code .SIG-ALG.REG.INT.}, which dhcpd appends to a name without a
 * dot) and the signature length. Each was checked against a real dhcpd 4.4.3; hmac-md5 is omshell's
 * default and what our configs use.
 */
public enum OmapiKeyAlgorithm {
    HMAC_MD5("hmac-md5", "HmacMD5", 16),
    HMAC_SHA1("hmac-sha1", "HmacSHA1", 20),
    HMAC_SHA224("hmac-sha224", "HmacSHA224", 28),
    HMAC_SHA256("hmac-sha256", "HmacSHA256", 32),
    HMAC_SHA384("hmac-sha384", "HmacSHA384", 48),
    HMAC_SHA512("hmac-sha512", "HmacSHA512", 64);

    private static final String WIRE_SUFFIX = ".SIG-ALG.REG.INT.";

    private final String dhcpdName;
    private final String javaName;
    private final int signatureLength;

    OmapiKeyAlgorithm(String dhcpdName, String javaName, int signatureLength) {
        this.dhcpdName = dhcpdName;
        this.javaName = javaName;
        this.signatureLength = signatureLength;
    }

    /** The name in dhcpd.conf, e.g. {@code hmac-md5}. */
    public String dhcpdName() {
        return dhcpdName;
    }

    /** The name sent in the authenticator object, e.g. {@code hmac-md5.SIG-ALG.REG.INT.}. */
    public String wireName() {
        return dhcpdName + WIRE_SUFFIX;
    }

    /** The JCA {@code Mac} algorithm. */
    String javaName() {
        return javaName;
    }

    public int signatureLength() {
        return signatureLength;
    }

    /**
     * The algorithm for a dhcpd.conf name, short ({@code hmac-sha256}) or long ({@code
     * hmac-sha256.SIG-ALG.REG.INT}).
     */
    public static Optional<OmapiKeyAlgorithm> ofDhcpdName(String name) {
        String normalized = name.toLowerCase(Locale.ROOT);
        String suffix = WIRE_SUFFIX.toLowerCase(Locale.ROOT);
        if (normalized.endsWith(suffix)) {
            normalized = normalized.substring(0, normalized.length() - suffix.length());
        } else if (normalized.endsWith(suffix.substring(0, suffix.length() - 1))) {
            normalized = normalized.substring(0, normalized.length() - suffix.length() + 1);
        }
        for (OmapiKeyAlgorithm algorithm : values()) {
            if (algorithm.dhcpdName.equals(normalized)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
