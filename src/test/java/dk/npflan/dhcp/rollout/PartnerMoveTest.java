package dk.npflan.dhcp.rollout;

import static dk.npflan.dhcp.rollout.PeerStates.healthy;
import static dk.npflan.dhcp.rollout.PeerStates.pair;
import static dk.npflan.dhcp.rollout.PeerStates.withAddresses;
import static dk.npflan.dhcp.rollout.PeerStates.withFailover;
import static dk.npflan.dhcp.rollout.PeerStates.withProcess;
import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.omapi.FailoverState;
import org.junit.jupiter.api.Test;

/** The "partner address moved" verdict over one poll of the pair. */
class PartnerMoveTest {

    private static final String HASH = "a".repeat(64);
    private static final FailoverState CI = FailoverState.COMMUNICATIONS_INTERRUPTED;

    /** The primary at .1, the secondary at {@code secondaryAt}; each holding what it is given. */
    private static PairObservation seen(
            String primaryHolds,
            String secondaryAt,
            String secondaryHolds,
            FailoverState primaryState,
            boolean secondaryServes) {
        PeerState primary =
                withFailover(
                        withAddresses(healthy(PeerRole.PRIMARY, HASH), "10.0.0.1", primaryHolds),
                        primaryState,
                        FailoverState.UNKNOWN_STATE);
        PeerState secondary =
                withProcess(
                        withFailover(
                                withAddresses(
                                        healthy(PeerRole.SECONDARY, HASH),
                                        secondaryAt,
                                        secondaryHolds),
                                secondaryServes ? CI : FailoverState.STARTUP,
                                FailoverState.UNKNOWN_STATE),
                        true,
                        false,
                        secondaryServes);
        return pair(primary, secondary);
    }

    @Test
    void recreatedSecondary_primaryHoldsItsOldAddress_primaryIsStale() {
        PartnerMove verdict = PartnerMove.of(seen("10.0.0.2", "10.0.0.12", "10.0.0.1", CI, true));

        assertThat(verdict)
                .isEqualTo(
                        new PartnerMove.Moved(
                                PeerRole.PRIMARY,
                                Ipv4Address.of("10.0.0.2"),
                                Ipv4Address.of("10.0.0.12")));
        assertThat(((PartnerMove.Moved) verdict).describe())
                .isEqualTo("re-pair: partner moved from 10.0.0.2 to 10.0.0.12");
    }

    /** A serving, communications-interrupted peer at {@code at} holding {@code holds}. */
    private static PeerState interrupted(PeerRole role, String at, String holds) {
        return withFailover(
                withAddresses(healthy(role, HASH), at, holds), CI, FailoverState.UNKNOWN_STATE);
    }

    @Test
    void recreatedPrimary_secondaryHoldsItsOldAddress_secondaryIsStale() {
        PeerState primary = interrupted(PeerRole.PRIMARY, "10.0.0.11", "10.0.0.2");
        PeerState secondary = interrupted(PeerRole.SECONDARY, "10.0.0.2", "10.0.0.1");

        assertThat(PartnerMove.of(pair(primary, secondary)))
                .isEqualTo(
                        new PartnerMove.Moved(
                                PeerRole.SECONDARY,
                                Ipv4Address.of("10.0.0.1"),
                                Ipv4Address.of("10.0.0.11")));
    }

    @Test
    void healthyPair_notMoved() {
        PartnerMove verdict =
                PartnerMove.of(
                        pair(healthy(PeerRole.PRIMARY, HASH), healthy(PeerRole.SECONDARY, HASH)));

        assertThat(verdict).isInstanceOf(PartnerMove.InPlace.class);
        assertThat(((PartnerMove.InPlace) verdict).why()).contains("primary is normal");
    }

    @Test
    void communicationsInterrupted_holdingThePartnersCurrentAddress_notMoved() {
        // a cut link or a partner restarting in place: nothing a restart here would fix
        PartnerMove verdict = PartnerMove.of(seen("10.0.0.2", "10.0.0.2", "10.0.0.1", CI, true));

        assertThat(verdict).isInstanceOf(PartnerMove.InPlace.class);
        assertThat(((PartnerMove.InPlace) verdict).why())
                .contains("holding secondary's current address 10.0.0.2");
    }

    @Test
    void movedPartnerNotServingYet_waits() {
        PartnerMove verdict = PartnerMove.of(seen("10.0.0.2", "10.0.0.12", "10.0.0.1", CI, false));

        assertThat(verdict).isInstanceOf(PartnerMove.AwaitPartner.class);
        PartnerMove.AwaitPartner waiting = (PartnerMove.AwaitPartner) verdict;
        assertThat(waiting.stale()).isEqualTo(PeerRole.PRIMARY);
        assertThat(waiting.to()).isEqualTo(Ipv4Address.of("10.0.0.12"));
        assertThat(waiting.why()).isEqualTo("secondary not serving");
    }

    @Test
    void heldAddressUnknown_cannotTell_notMoved() {
        PartnerMove verdict = PartnerMove.of(seen(null, "10.0.0.12", "10.0.0.1", CI, true));

        assertThat(verdict).isInstanceOf(PartnerMove.InPlace.class);
        assertThat(((PartnerMove.InPlace) verdict).why())
                .contains("the partner address it holds is unknown");
    }

    @Test
    void partnerUnreachable_cannotTell_notMoved() {
        PeerState primary = interrupted(PeerRole.PRIMARY, "10.0.0.1", "10.0.0.2");

        assertThat(PartnerMove.of(PeerStates.secondaryUnreachable(primary)))
                .isInstanceOf(PartnerMove.InPlace.class);
    }
}
