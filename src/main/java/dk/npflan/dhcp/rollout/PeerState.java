package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.omapi.FailoverState;
import java.util.Optional;

/** What a peer's agent reports in {@code GET /state}, reduced to what the roller decides on. */
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
        Optional<String> probeDetail) {}
