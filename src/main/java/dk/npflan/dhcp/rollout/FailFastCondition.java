package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.peer.PeerHealth;
import java.util.Optional;

/**
 * The states no deadline can fix, so a wait ends at once instead of running out the clock
 * (Keycloak's {@code checkForPodErrors} idea): a crash loop; {@link PeerHealth#LEASE_STATE_LOST}
 * (dhcpd's recover / recover-wait: the MCLT wait follows: halt and alert, ISC's advice); {@link
 * PeerHealth#SERVING_ALONE} (dhcpd's partner-down). A crash loop of the peer just restarted onto
 * the new config rolls back; anything else halts, because restarting more peers cannot help.
 */
public record FailFastCondition(Optional<PeerRole> restarted) implements PairCondition {

    /** While waiting for {@code role} after restarting it. */
    public static FailFastCondition afterRestartOf(PeerRole role) {
        return new FailFastCondition(Optional.of(role));
    }

    /** Before anything was touched: the pair must not be degraded already. */
    public static FailFastCondition pairHealth() {
        return new FailFastCondition(Optional.empty());
    }

    @Override
    public Verdict evaluate(PairObservation observed) {
        for (PeerObservation peer : observed.peers()) {
            if (peer.state().isEmpty()) {
                continue;
            }
            PeerState state = peer.state().get();
            if (state.crashLoop()) {
                StepOutcome.Kind kind =
                        restarted.filter(peer.role()::equals).isPresent()
                                ? StepOutcome.Kind.ROLL_BACK
                                : StepOutcome.Kind.HALT;
                return new Verdict.FailFast(
                        kind,
                        StepReason.CRASH_LOOP,
                        peer.role().keyword()
                                + " crash-looping after "
                                + state.restarts()
                                + " restarts");
            }
            if (state.localIs(PeerHealth.LEASE_STATE_LOST)) {
                return halt(StepReason.LEASE_STATE_LOST, peer.role(), state);
            }
            if (state.localIs(PeerHealth.SERVING_ALONE)) {
                return halt(StepReason.PARTNER_DOWN, peer.role(), state);
            }
        }
        return Verdict.MET;
    }

    private static Verdict halt(StepReason reason, PeerRole role, PeerState state) {
        return new Verdict.FailFast(
                StepOutcome.Kind.HALT,
                reason,
                role.keyword() + " in " + PeerState.raw(state.localHealth(), "?"));
    }
}
