package dk.npflan.dhcp.command;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code netbox-dhcpd lease} looks for: an IPv4 address or a client's Ethernet MAC ({@code
 * aa:bb:cc:dd:ee:ff}, {@code -} as separator too). Parsed strictly, so a typo is a usage error and
 * never a lookup of something else.
 */
sealed interface LeaseQuery {

    record ByAddress(Inet4Address address) implements LeaseQuery {
        @Override
        public String toString() {
            return address.getHostAddress();
        }
    }

    record ByMac(String mac) implements LeaseQuery {
        byte[] bytes() {
            return HexFormat.ofDelimiter(":").parseHex(mac);
        }

        @Override
        public String toString() {
            return mac;
        }
    }

    Pattern IPV4 =
            Pattern.compile(
                    "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    Pattern MAC = Pattern.compile("[0-9a-f]{2}([:-][0-9a-f]{2}){5}");

    /**
     * @throws IllegalArgumentException when {@code text} is neither
     */
    static LeaseQuery parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (IPV4.matcher(t).matches()) {
            try {
                return new ByAddress((Inet4Address) InetAddress.getByName(t));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IPv4 address: " + text, e);
            }
        }
        if (MAC.matcher(t).matches()) {
            return new ByMac(t.replace('-', ':'));
        }
        throw new IllegalArgumentException(
                "'" + text + "' is neither an IPv4 address nor a MAC (aa:bb:cc:dd:ee:ff)");
    }
}
