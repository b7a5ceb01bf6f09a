package dk.npflan.dhcp.pipeline;

import java.util.Optional;

/**
 * One dhcpd peer as {@code /status} and the status page show it: the hashes it runs and has
 * mounted, its failover states (dhcpd's names, e.g. {@code normal}), and whether its probe is
 * ready. {@code error} says why fields are empty when the agent could not be asked.
 */
public record PeerStatus(
        String role,
        Optional<String> runningHash,
        Optional<String> mountedHash,
        Optional<String> localState,
        Optional<String> partnerState,
        boolean ready,
        Optional<String> error) {

    /** A peer that could not be asked, and why. */
    public static PeerStatus unavailable(String role, String why) {
        return new PeerStatus(
                role,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.of(why));
    }
}
