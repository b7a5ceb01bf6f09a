package dk.npflan.dhcp.omapi;

import java.time.Duration;

/**
 * The two bounds every OMAPI call runs under: how long a TCP connect may take, and how long one
 * whole exchange (intro + authentication, or one open) may take in total. The second is a deadline,
 * not a per-read timeout, so a server that drips one byte at a time still cannot keep us waiting.
 *
 * @param connect bound on the TCP connect
 * @param exchange bound on one complete request/response exchange
 */
public record OmapiTimeouts(Duration connect, Duration exchange) {

    /** 3 s connect, 5 s per exchange: dhcpd answers in milliseconds, even while busy. */
    public static final OmapiTimeouts DEFAULT =
            new OmapiTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5));

    public OmapiTimeouts {
        if (connect.isNegative()
                || connect.isZero()
                || exchange.isNegative()
                || exchange.isZero()) {
            throw new IllegalArgumentException("OMAPI timeouts must be positive");
        }
    }
}
