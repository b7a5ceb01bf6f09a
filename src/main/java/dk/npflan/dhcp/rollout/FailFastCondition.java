package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.omapi.FailoverState;
import java.util.Optional;
import java.util.Set;

/**
 * The states no deadline can fix, so a wait ends at once instead of running out the clock
 * (Keycloak's {@code checkForPodErrors} idea): a crash loop; recover / recover-wait (lease state
 * lost, the MCLT wait follows: halt and alert, ISC's advice); partner-down. A crash loop of the
 * peer just restarted onto the new config rolls back; anything else halts, because restarting more
 * peers cannot help.
 */
public record FailFastCondition(Optional<PeerRole> restarted) implements PairCondition {

    private static final Set<FailoverState> LEASE_STATE_LOST =
            Set.of(FailoverState.RECOVER, FailoverState.RECOVER_WAIT);

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
            Optional<FailoverState> local = state.localState();
            if (local.filter(LEASE_STATE_LOST::contains).isPresent()) {
                return new Verdict.FailFast(
                        StepOutcome.Kind.HALT,
                        StepReason.LEASE_STATE_LOST,
                        peer.role().keyword() + " in " + local.get().dhcpdName());
            }
            if (local.filter(FailoverState.PARTNER_DOWN::equals).isPresent()) {
                return new Verdict.FailFast(
                        StepOutcome.Kind.HALT,
                        StepReason.PARTNER_DOWN,
                        peer.role().keyword() + " in partner-down");
            }
        }
        return Verdict.MET;
    }
}
