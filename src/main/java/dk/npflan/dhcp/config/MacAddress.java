package dk.npflan.dhcp.config;

import java.util.Optional;

/**
 * An Ethernet MAC address, parsed strictly so that only six hex octets ever reach a config: {@code
 * 00:1A:2B:3C:4D:5E} (NetBox's own form), the same with {@code -}, or Cisco's {@code
 * 001a.2b3c.4d5e}; printed lower case with colons, as dhcpd's {@code hardware ethernet} and Kea's
 * {@code hw-address} take it.
 */
public record MacAddress(long value) {

    public MacAddress {
        if (value < 0 || value > 0xFFFF_FFFF_FFFFL) {
            throw new IllegalArgumentException("MAC address out of range: " + value);
        }
    }

    /** Strict parse; empty for anything but one of the three forms. */
    public static Optional<MacAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        String hex;
        if (t.length() == 17 && (t.charAt(2) == ':' || t.charAt(2) == '-')) {
            char sep = t.charAt(2);
            StringBuilder digits = new StringBuilder(12);
            for (int i = 0; i < 17; i++) {
                if (i % 3 == 2) {
                    if (t.charAt(i) != sep) {
                        return Optional.empty();
                    }
                } else {
                    digits.append(t.charAt(i));
                }
            }
            hex = digits.toString();
        } else if (t.length() == 14 && t.charAt(4) == '.' && t.charAt(9) == '.') {
            hex = t.substring(0, 4) + t.substring(5, 9) + t.substring(10, 14);
        } else {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = hexDigit(hex.charAt(i));
            if (digit < 0) {
                return Optional.empty();
            }
            value = (value << 4) | digit;
        }
        return Optional.of(new MacAddress(value));
    }

    /** ASCII hex only: {@link Character#digit} would also take other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int octet = (int) ((value >>> shift) & 0xFF);
            if (shift != 40) {
                out.append(':');
            }
            out.append(Character.forDigit(octet >>> 4, 16))
                    .append(Character.forDigit(octet & 0xF, 16));
        }
        return out.toString();
    }
}
