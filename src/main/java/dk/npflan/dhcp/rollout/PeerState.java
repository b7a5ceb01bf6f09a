package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.peer.HealthReading;
import dk.npflan.dhcp.peer.PeerHealth;
import java.util.Optional;

/**
 * What an agent reports about its peer ({@code GET /state}), reduced to what the rollout gates
 * reason about: which config runs and is mounted, whether the server is up or crash-looping, how it
 * and its partner stand as the server sees it (neutral {@link PeerHealth}, raw text for display),
 * and whether the probe obtained a lease. No server's vocabulary: the agent maps it.
 *
 * @param localHealth this server's state; empty when the agent could not read it
 * @param partnerHealth this server's view of its partner's state; empty as above
 * @param address where the peer is now (the pod IP its agent answered at): the source address of
 *     its failover connections
 * @param partnerAddress the partner address this peer's server holds (resolved when it started) and
 *     accepts failover connections from; see {@link PartnerMove}
 */
public record PeerState(
        PeerRole role,
        Optional<String> runningHash,
        Optional<String> mountedHash,
        boolean serverRunning,
        boolean crashLoop,
        int restarts,
        Optional<HealthReading> localHealth,
        Optional<HealthReading> partnerHealth,
        boolean probeReady,
        Optional<String> probeDetail,
        Optional<Ipv4Address> address,
        Optional<Ipv4Address> partnerAddress) {

    /** This server and, as it sees it, its partner both {@link PeerHealth#NORMAL}. */
    public boolean bothNormal() {
        return localHealth.filter(h -> h.is(PeerHealth.NORMAL)).isPresent()
                && partnerHealth.filter(h -> h.is(PeerHealth.NORMAL)).isPresent();
    }

    /** Whether this server's own state is {@code health}. */
    public boolean localIs(PeerHealth health) {
        return localHealth.filter(h -> h.is(health)).isPresent();
    }

    /** The server's own words for both sides, {@code local/partner}, {@code ?} for one not read. */
    public String failoverText() {
        return raw(localHealth, "?") + "/" + raw(partnerHealth, "?");
    }

    /** The raw text of a side, or {@code absent}. */
    static String raw(Optional<HealthReading> side, String absent) {
        return side.map(HealthReading::raw).orElse(absent);
    }
}
