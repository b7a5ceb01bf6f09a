package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.omapi.FailoverState;
import java.time.Instant;
import java.util.Optional;

/** Builds peer states and pair observations for the condition tables. */
final class PeerStates {

    static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

    private PeerStates() {}

    /** A healthy peer on {@code hash}: running and mounted, normal/normal, probe ready. */
    static PeerState healthy(PeerRole role, String hash) {
        return new PeerState(
                role,
                Optional.of(hash),
                Optional.of(hash),
                true,
                false,
                0,
                Optional.of(FailoverState.NORMAL),
                Optional.of(FailoverState.NORMAL),
                true,
                Optional.of("ACK"));
    }

    static PeerState withMounted(PeerState s, String hash) {
        return new PeerState(
                s.role(),
                s.runningHash(),
                Optional.ofNullable(hash),
                s.dhcpdRunning(),
                s.crashLoop(),
                s.restarts(),
                s.localState(),
                s.partnerState(),
                s.probeReady(),
                s.probeDetail());
    }

    static PeerState withRunning(PeerState s, String hash) {
        return new PeerState(
                s.role(),
                Optional.ofNullable(hash),
                s.mountedHash(),
                s.dhcpdRunning(),
                s.crashLoop(),
                s.restarts(),
                s.localState(),
                s.partnerState(),
                s.probeReady(),
                s.probeDetail());
    }

    static PeerState withFailover(PeerState s, FailoverState local, FailoverState partner) {
        return new PeerState(
                s.role(),
                s.runningHash(),
                s.mountedHash(),
                s.dhcpdRunning(),
                s.crashLoop(),
                s.restarts(),
                Optional.ofNullable(local),
                Optional.ofNullable(partner),
                s.probeReady(),
                s.probeDetail());
    }

    static PeerState withProcess(PeerState s, boolean running, boolean crashLoop, boolean probe) {
        return new PeerState(
                s.role(),
                s.runningHash(),
                s.mountedHash(),
                running,
                crashLoop,
                s.restarts(),
                s.localState(),
                s.partnerState(),
                probe,
                s.probeDetail());
    }

    static PairObservation pair(PeerState primary, PeerState secondary) {
        return new PairObservation(
                new PeerObservation.Seen(primary), new PeerObservation.Seen(secondary), AT);
    }

    static PairObservation secondaryUnreachable(PeerState primary) {
        return new PairObservation(
                new PeerObservation.Seen(primary),
                new PeerObservation.Unreachable(PeerRole.SECONDARY, "connection refused"),
                AT);
    }
}
