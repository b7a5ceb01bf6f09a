package dk.npflan.dhcp.command;

import java.time.Instant;
import java.util.Optional;

/**
 * What one peer said when asked for a lease, in words that belong to no server: the lease, none, or
 * no answer. dhcpd's binding states and Kea's lease states both map onto {@code state} (their own
 * word) and {@code active}.
 */
sealed interface PeerLease {

    /** A lease the server holds. */
    record Found(
            String address,
            String state,
            boolean active,
            Optional<String> mac,
            Optional<String> hostname,
            Optional<Instant> starts,
            Optional<Instant> ends)
            implements PeerLease {}

    /** The server answered and holds no lease for it. */
    record NotFound(String why) implements PeerLease {}

    /** The server could not be asked. */
    record Unreachable(String why) implements PeerLease {}
}
