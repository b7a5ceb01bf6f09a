package dk.npflan.dhcp.probe;

import java.util.Arrays;
import java.util.Optional;

/**
 * DHCP message types (option 53, RFC 2132 §9.6). The probe needs the four of a DORA exchange plus
 * NAK; the rest are listed so that a decoded reply is always named rather than reported as a bare
 * number.
 */
public enum DhcpMessageType {
    DISCOVER(1),
    OFFER(2),
    REQUEST(3),
    DECLINE(4),
    ACK(5),
    NAK(6),
    RELEASE(7),
    INFORM(8);

    private final int code;

    DhcpMessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<DhcpMessageType> fromCode(int code) {
        return Arrays.stream(values()).filter(t -> t.code == code).findFirst();
    }
}
