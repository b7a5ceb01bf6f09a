package dk.npflan.dhcp.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.omapi.FailoverState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-pairing on the simulated pair: a peer recreated at a new address leaves its partner holding
 * the old one, and only restarting that partner in place brings the pair back to normal.
 */
class RollerRePairTest {

    private static final Ipv4Address MOVED = Ipv4Address.of("10.0.0.12");

    private final RollerFixture f = new RollerFixture();

    /** Polls until both peers settled (the recreated one left startup). */
    private void settle() {
        for (int i = 0; i < 20; i++) {
            f.pair.primary().state();
        }
    }

    @Test
    void recreatedSecondary_backgroundCheck_restartsThePrimaryInPlace_pairNormalAgain() {
        f.pair.move(PeerRole.SECONDARY, MOVED);
        settle();
        assertThat(f.pair.primary().state().localHealth())
                .as("deadlocked before the re-pair")
                .hasValue(DhcpdHealth.of(FailoverState.COMMUNICATIONS_INTERRUPTED));

        RolloutReport report = f.roller().rePair("re-pair-1");

        assertThat(report.status()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(f.restartedRoles()).containsExactly(PeerRole.PRIMARY);
        assertThat(f.pair.realRestarts().get(0).hash()).isEqualTo(f.oldHash());
        assertThat(f.pair.primary().state().localHealth())
                .hasValue(DhcpdHealth.of(FailoverState.NORMAL));
        assertThat(f.pair.primary().running()).hasValue(f.oldHash());
        f.assertNoRestartWithoutServingPartner();
        assertThat(f.audit.sequence())
                .containsExactly("lock completed", "re-pair started", "re-pair completed");
        AuditRecord done = f.audit.records().get(2);
        assertThat(done.subject()).isEqualTo(f.oldHash());
        assertThat(done.data())
                .containsEntry(RolloutAudit.PEER, "primary")
                .containsEntry(RolloutAudit.REASON, "re-paired")
                .containsEntry(RolloutAudit.RESTART_REASON, "partner-moved");
        assertThat((String) done.data().get(RolloutAudit.DETAIL))
                .startsWith("re-pair: partner moved from 10.0.0.2 to 10.0.0.12");
    }

    @Test
    void recreatedPrimary_restartsTheSecondaryInPlace() {
        f.pair.move(PeerRole.PRIMARY, Ipv4Address.of("10.0.0.11"));
        settle();

        RolloutReport report = f.roller().rePair();

        assertThat(report.status()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(f.restartedRoles()).containsExactly(PeerRole.SECONDARY);
        assertThat((String) f.audit.records().get(2).data().get(RolloutAudit.DETAIL))
                .startsWith("re-pair: partner moved from 10.0.0.1 to 10.0.0.11");
    }

    @Test
    void healthyPair_backgroundCheck_restartsNothing_andWritesNoAudit() {
        RolloutReport report = f.roller().rePair();

        assertThat(report.status()).isEqualTo(RolloutStatus.SKIPPED);
        assertThat(report.steps()).isEmpty();
        assertThat(f.audit.records()).isEmpty();
        assertThat(f.pair.realRestarts()).isEmpty();
    }

    @Test
    void recreatedSecondaryStillInStartup_waitsUntilItServes_beforeRestartingThePrimary() {
        f.pair.startupTicks = 8;
        f.pair.move(PeerRole.SECONDARY, MOVED);

        RolloutReport report = f.roller().rePair();

        assertThat(report.status()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(f.restartedRoles()).containsExactly(PeerRole.PRIMARY);
        f.assertNoRestartWithoutServingPartner();
    }

    @Test
    void configChangeOnADeadlockedPair_rePairsFirst_thenSecondaryBeforePrimary() {
        f.pair.move(PeerRole.SECONDARY, MOVED);
        settle();

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(f.restartedRoles())
                .containsExactly(PeerRole.PRIMARY, PeerRole.SECONDARY, PeerRole.PRIMARY);
        assertThat(f.pair.realRestarts().get(0).hash())
                .as("re-pair on what it ran")
                .isEqualTo(f.oldHash());
        assertThat(f.audit.steps())
                .containsExactly(
                        "lock",
                        "compare",
                        "re-pair",
                        "publish",
                        "propagate",
                        "restart-secondary",
                        "restart-primary",
                        "record-last-good");
        assertThat(f.pair.primary().running()).hasValue(f.newHash());
        assertThat(f.pair.secondary().running()).hasValue(f.newHash());
        f.assertNoRestartWithoutServingPartner();
    }

    @Test
    void partnersNameStillResolvesToTheOldAddress_haltsAtOnce_insteadOfWaitingOutTheGate() {
        f.pair.move(PeerRole.SECONDARY, MOVED);
        settle();
        f.pair.primary().nameLags = true;

        RolloutReport report = f.roller().rePair();

        assertThat(report.status()).isEqualTo(RolloutStatus.HALTED);
        StepReport failure = report.failure().orElseThrow();
        assertThat(failure.outcome().reason()).isEqualTo(StepReason.PARTNER_NAME_STALE);
        assertThat(failure.outcome().detail())
                .contains("primary resolved the old 10.0.0.2 again after its restart");
        assertThat(failure.took()).isLessThan(f.settings.restartDeadline());
        assertThat(f.restartedRoles()).containsExactly(PeerRole.PRIMARY);
    }

    @Test
    void pairHealedBeforeTheStep_rePairLooksAgain_restartsNothing() {
        // the pair healed by itself between the check and the step: nothing is restarted
        f.pair.move(PeerRole.SECONDARY, MOVED);
        settle();
        f.pair.primary().restartInPlace(f.oldHash());
        int before = f.pair.realRestarts().size();

        RolloutReport report = f.roller().rePair();

        assertThat(List.of(RolloutStatus.SKIPPED, RolloutStatus.COMPLETED))
                .contains(report.status());
        assertThat(f.pair.realRestarts()).hasSize(before);
    }
}
