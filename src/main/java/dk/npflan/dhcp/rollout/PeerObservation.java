package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import java.util.Optional;

/**
 * What one poll of a peer returned: its state, or why it could not be read. Gates reason over this,
 * and a timed-out wait reports its {@link #describe()} as what it last saw.
 */
public sealed interface PeerObservation {

    PeerRole role();

    /** The state when the agent answered. */
    Optional<PeerState> state();

    /** One line for failure details, e.g. {@code secondary: running=… failover=normal/normal …}. */
    String describe();

    /** The agent answered. */
    record Seen(PeerState peerState) implements PeerObservation {

        @Override
        public PeerRole role() {
            return peerState.role();
        }

        @Override
        public Optional<PeerState> state() {
            return Optional.of(peerState);
        }

        @Override
        public String describe() {
            PeerState s = peerState;
            return s.role().keyword()
                    + ": running="
                    + Hashes.brief(s.runningHash())
                    + " mounted="
                    + Hashes.brief(s.mountedHash())
                    + " dhcpd="
                    + (s.serverRunning() ? "up" : "down")
                    + (s.crashLoop() ? " crash-loop" : "")
                    + " restarts="
                    + s.restarts()
                    + " failover="
                    + s.failoverText()
                    + " probe="
                    + (s.probeReady() ? "ready" : "not-ready")
                    + s.probeDetail().map(d -> " (" + d + ")").orElse("")
                    + s.address().map(a -> " at " + a).orElse("")
                    + s.partnerAddress().map(a -> " partner-at " + a).orElse("");
        }
    }

    /** The agent could not be reached. */
    record Unreachable(PeerRole role, String reason) implements PeerObservation {

        @Override
        public Optional<PeerState> state() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return role.keyword() + ": unreachable (" + reason + ")";
        }
    }

    /** Polls {@code peer} once, turning an unreachable agent into a value. */
    static PeerObservation of(Peer peer) {
        try {
            return new Seen(peer.state());
        } catch (PeerUnreachableException e) {
            return new Unreachable(peer.role(), e.getMessage());
        }
    }
}
