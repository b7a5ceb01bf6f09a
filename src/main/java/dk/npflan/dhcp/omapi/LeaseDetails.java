package dk.npflan.dhcp.omapi;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * One lease as dhcpd holds it in memory, with what an operator looks a lease up for: address,
 * binding state, client MAC and host name, start and end. Decoded from the attributes of an OMAPI
 * {@code lease} object (docs/omapi.md); a missing attribute is empty, never guessed.
 */
public record LeaseDetails(
        Inet4Address address,
        BindingState state,
        Optional<String> mac,
        Optional<String> clientHostname,
        Optional<Instant> starts,
        Optional<Instant> ends) {

    /** Host names are shown on a terminal: printable ASCII only, at most this long. */
    static final int MAX_HOSTNAME = 64;

    static LeaseDetails of(Map<String, byte[]> object) throws OmapiException {
        byte[] ip = object.get("ip-address");
        if (ip == null || ip.length != 4) {
            throw new OmapiException(
                    OmapiException.Reason.PROTOCOL_ERROR, "lease object without an ip-address");
        }
        Inet4Address address;
        try {
            address = (Inet4Address) InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new OmapiException(
                    OmapiException.Reason.PROTOCOL_ERROR, "lease with a bad ip-address", e);
        }
        return new LeaseDetails(
                address,
                number(object, "state")
                        .map(v -> BindingState.ofCode(v.intValue()))
                        .orElse(BindingState.UNKNOWN),
                Optional.ofNullable(object.get("hardware-address"))
                        .filter(bytes -> bytes.length > 0)
                        .map(bytes -> HexFormat.ofDelimiter(":").formatHex(bytes)),
                Optional.ofNullable(object.get("client-hostname"))
                        .filter(bytes -> bytes.length > 0)
                        .map(LeaseDetails::printable),
                number(object, "starts").filter(v -> v > 0).map(Instant::ofEpochSecond),
                number(object, "ends").filter(v -> v > 0).map(Instant::ofEpochSecond));
    }

    private static Optional<Long> number(Map<String, byte[]> object, String name) {
        return Optional.ofNullable(object.get(name))
                .filter(v -> v.length > 0 && v.length <= 8)
                .map(OmapiClient::toLong);
    }

    /** A client-chosen name, so nothing in it may move a terminal's cursor. */
    private static String printable(byte[] bytes) {
        String text =
                new String(bytes, StandardCharsets.US_ASCII).replaceAll("[^\\x20-\\x7e]", "?");
        return text.length() <= MAX_HOSTNAME ? text : text.substring(0, MAX_HOSTNAME);
    }
}
