package dk.npflan.dhcp.probe;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv4 address conversions the probe needs (bytes, dotted text, CIDR), without DNS lookups. It
 * exists because {@code InetAddress.getByName} would resolve names, and the probe must only ever
 * take literals.
 */
public final class Ipv4 {

    private Ipv4() {}

    public static Inet4Address address(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "not an IPv4 address: " + bytes.length + " bytes", e);
        }
    }

    /** Parses a dotted-quad literal; anything else (host names included) is rejected. */
    public static Inet4Address parse(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("\\d{1,3}")) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            bytes[i] = (byte) value;
        }
        return address(bytes);
    }

    public static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    public static Inet4Address fromInt(int value) {
        return address(
                new byte[] {
                    (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
                });
    }

    public static Inet4Address any() {
        return fromInt(0);
    }
}
