package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import java.util.List;

/**
 * One dhcpd peer as the roller sees it (its agent). The roller observes and restarts peers only
 * through this, so an agent over HTTP, a local child process or a test double are interchangeable.
 */
public interface Peer {

    PeerRole role();

    /**
     * GET /state; throws {@link PeerUnreachableException} (with reason) when the agent cannot be
     * reached.
     */
    PeerState state();

    /** Makes the platform project the published bundle sooner (pod annotation); no-op locally. */
    void nudge(String hash);

    /** POST /restart; returns a typed outcome, never throws for HTTP status codes. */
    RestartResult restart(String expectedHash);

    /**
     * POST /restart in place: stop dhcpd and start it again on the config it runs, which must hash
     * to {@code runningHash} ({@link RestartResult.HashMismatch} otherwise, with what it runs), so
     * that it resolves its partner's address again. Never changes the config.
     */
    RestartResult restartInPlace(String runningHash);

    /**
     * How full each subnet's pools are, as the peer's server counts them (for the status page);
     * throws {@link PeerUnreachableException} when it cannot be asked. Empty for a peer that does
     * not count them.
     */
    default List<SubnetUtilization> poolUsage() {
        return List.of();
    }
}
