package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.omapi.FailoverState;
import java.util.Optional;

/**
 * What an agent reports about its peer ({@code GET /state}), reduced to what the rollout gates
 * reason about: which config runs and is mounted, whether dhcpd is up or crash-looping, both
 * failover states as OMAPI sees them, and whether the probe obtained a lease.
 *
 * @param address where the peer is now (the pod IP its agent answered at): the source address of
 *     its failover connections
 * @param partnerAddress the partner address this peer's dhcpd holds (resolved when it started) and
 *     accepts failover connections from; see {@link PartnerMove}
 */
public record PeerState(
        PeerRole role,
        Optional<String> runningHash,
        Optional<String> mountedHash,
        boolean dhcpdRunning,
        boolean crashLoop,
        int restarts,
        Optional<FailoverState> localState,
        Optional<FailoverState> partnerState,
        boolean probeReady,
        Optional<String> probeDetail,
        Optional<Ipv4Address> address,
        Optional<Ipv4Address> partnerAddress) {}
