package dk.npflan.dhcp.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.SimulatedPair.Behaviour;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The roller against a simulated pair: the order of restarts, the gates, fail-fast, rollback, and
 * that every step leaves exactly one audit record when it ends, plus one when a restart starts.
 * Time is a {@link ManualTime}, so deadlines of minutes pass instantly.
 */
class RollerTest {

    private final RollerFixture f = new RollerFixture();

    @Test
    void configChange_restartsSecondaryStrictlyBeforePrimary_primaryOnlyAfterBothNormal() {
        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(f.restartedRoles()).containsExactly(PeerRole.SECONDARY, PeerRole.PRIMARY);
        SimulatedPair.Restart primary = f.pair.realRestarts().get(1);
        assertThat(primary.bothNormal()).as("pair normal/normal before the primary").isTrue();
        assertThat(primary.partnerServing()).as("secondary serving before the primary").isTrue();
        assertThat(f.pair.primary().running()).hasValue(f.newHash());
        assertThat(f.pair.secondary().running()).hasValue(f.newHash());
        assertThat(f.target.lastGood().map(PublishedBundle::hash)).hasValue(f.newHash());
        assertThat(f.target.published().get().netboxRequestIds()).containsExactly("req-1");
        assertThat(f.pair.secondary().nudges).isEqualTo(1);
        assertThat(f.pair.primary().nudges).isEqualTo(1);
    }

    @Test
    void configChange_emitsOneAuditRecordPerStep_plusOneWhenEachRestartStarts_andReportsTimings() {
        RolloutReport report = f.rollNew();

        assertThat(f.audit.sequence())
                .containsExactly(
                        "lock completed",
                        "compare completed",
                        "publish completed",
                        "propagate completed",
                        "restart-secondary started",
                        "restart-secondary completed",
                        "restart-primary started",
                        "restart-primary completed",
                        "record-last-good completed");
        assertThat(report.steps()).hasSize(f.audit.steps().size());
        assertThat(f.audit.records())
                .allSatisfy(
                        r -> {
                            assertThat(r.rolloutId()).isEqualTo("rollout-1");
                            assertThat(r.subject()).isEqualTo(f.newHash());
                        });
        assertThat(report.took(RolloutStep.PROPAGATE)).isPositive();
        assertThat(report.took(RolloutStep.RESTART_SECONDARY)).isPositive();
        assertThat(report.took(RolloutStep.RESTART_PRIMARY)).isPositive();
        assertThat(report.took())
                .isGreaterThanOrEqualTo(
                        report.took(RolloutStep.PROPAGATE)
                                .plus(report.took(RolloutStep.RESTART_SECONDARY)));
        assertThat(report.failure()).isEmpty();
    }

    @Test
    void
            configChange_eachRestartAuditedStartedBeforeCompleted_withPeerHashReasonAndFailoverStates() {
        RolloutReport report = f.rollNew();

        for (PeerRole role : List.of(PeerRole.SECONDARY, PeerRole.PRIMARY)) {
            String step = "restart-" + role.keyword();
            int startedAt = f.audit.sequence().indexOf(step + " started");
            int completedAt = f.audit.sequence().indexOf(step + " completed");
            assertThat(startedAt).as(step).isNotNegative().isLessThan(completedAt);
            AuditRecord started = f.audit.records().get(startedAt);
            AuditRecord completed = f.audit.records().get(completedAt);

            assertThat(started.type()).isEqualTo(RolloutAudit.TYPE_STARTED);
            assertThat(started.subject()).isEqualTo(f.newHash());
            assertThat(started.data())
                    .containsEntry(RolloutAudit.STEP, step)
                    .containsEntry(RolloutAudit.PEER, role.keyword())
                    .containsEntry(RolloutAudit.HASH, f.newHash())
                    .containsEntry(RolloutAudit.RESTART_REASON, "config-changed")
                    .doesNotContainKeys(RolloutAudit.OUTCOME, RolloutAudit.DURATION_MILLIS);
            assertBothNormal(started, started.time());

            StepReport ran = report.steps().get(f.audit.steps().indexOf(step));
            assertThat(completed.type()).isEqualTo(RolloutAudit.TYPE_PREFIX + "completed");
            assertThat(completed.data())
                    .containsEntry(RolloutAudit.PEER, role.keyword())
                    .containsEntry(RolloutAudit.REASON, "restarted")
                    .containsEntry(RolloutAudit.DURATION_MILLIS, ran.took().toMillis())
                    .containsEntry(RolloutAudit.RESTART_REASON, "config-changed");
            assertThat(ran.took()).isPositive();
            assertThat(completed.time()).isEqualTo(started.time().plus(ran.took()));
            // after the restart: the gate's last poll, later than the one before it
            assertBothNormal(completed, completed.time());
            assertThat(observedAt(completed)).isAfter(observedAt(started));
            assertThat(observedAt(completed)).isAfter(started.time());
        }
        assertThat(f.audit.records())
                .filteredOn(r -> !r.data().containsKey(RolloutAudit.PEER))
                .allSatisfy(r -> assertThat(r.data()).doesNotContainKey(RolloutAudit.FAILOVER));
    }

    @Test
    void
            secondaryNeverNormal_failedRecordCarriesTheStatesSeenLast_rollbackRestartsAuditedAsRollback() {
        f.pair.secondary().on(f.newHash(), Behaviour.NEVER_NORMAL);

        f.rollNew();

        assertThat(f.audit.sequence())
                .containsSubsequence(
                        "restart-secondary started",
                        "restart-secondary failed",
                        "restore-last-good completed",
                        "rollback-secondary started",
                        "rollback-secondary completed")
                .doesNotContain("restart-primary started");
        AuditRecord failed = record("restart-secondary failed");
        assertThat(failover(failed, PeerRole.SECONDARY))
                .containsEntry(RolloutAudit.LOCAL_STATE, "communications-interrupted");
        AuditRecord rollback = record("rollback-secondary started");
        assertThat(rollback.subject()).isEqualTo(f.oldHash());
        assertThat(rollback.data())
                .containsEntry(RolloutAudit.HASH, f.oldHash())
                .containsEntry(RolloutAudit.RESTART_REASON, "rollback");
        assertThat(failover(rollback, PeerRole.SECONDARY))
                .containsEntry(RolloutAudit.LOCAL_STATE, "communications-interrupted");
        assertThat(record("restart-secondary started").data())
                .containsEntry(RolloutAudit.RESTART_REASON, "config-changed");
        assertBothNormal(record("rollback-secondary completed"), f.time.instant());
    }

    @Test
    void secondaryAgentUnreachableAtRollback_haltedRecordNamesTheUnreachablePeer() {
        f.pair.secondary().beforeRestart = () -> f.pair.secondary().unreachable = true;

        f.rollNew();

        assertThat(failover(record("rollback-secondary halted"), PeerRole.SECONDARY))
                .containsKey(RolloutAudit.UNREACHABLE)
                .doesNotContainKey(RolloutAudit.LOCAL_STATE);
        assertThat(failover(record("rollback-secondary halted"), PeerRole.PRIMARY))
                .containsEntry(RolloutAudit.LOCAL_STATE, "normal");
    }

    private AuditRecord record(String stepAndType) {
        int at = f.audit.sequence().indexOf(stepAndType);
        assertThat(at).as(stepAndType + " in " + f.audit.sequence()).isNotNegative();
        return f.audit.records().get(at);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> failover(AuditRecord record, PeerRole role) {
        Map<String, Object> pair = (Map<String, Object>) record.data().get(RolloutAudit.FAILOVER);
        assertThat(pair).as(record.type() + " " + record.data()).isNotNull();
        return (Map<String, Object>) pair.get(role.keyword());
    }

    private static Instant observedAt(AuditRecord record) {
        Map<?, ?> pair = (Map<?, ?>) record.data().get(RolloutAudit.FAILOVER);
        return Instant.parse((String) pair.get(RolloutAudit.OBSERVED_AT));
    }

    /**
     * Both peers normal/normal in the record's failover states, observed no later than {@code by}.
     */
    private static void assertBothNormal(AuditRecord record, Instant by) {
        for (PeerRole role : PeerRole.values()) {
            assertThat(failover(record, role))
                    .as(role.keyword())
                    .containsEntry(RolloutAudit.LOCAL_STATE, "normal")
                    .containsEntry(RolloutAudit.PARTNER_STATE, "normal");
        }
        assertThat(observedAt(record)).isBeforeOrEqualTo(by);
    }

    @Test
    void sameHashBothPeersRun_isSkipped_nothingPublishedOrRestarted() {
        RolloutReport report =
                f.roller()
                        .roll(
                                "rollout-1",
                                RollerFixture.OLD,
                                new PublishMetadata(f.time.instant(), List.of("req-1")));

        assertThat(report.status()).isEqualTo(RolloutStatus.SKIPPED);
        assertThat(f.audit.steps()).containsExactly("lock", "compare");
        assertThat(report.steps().get(1).outcome().reason()).isEqualTo(StepReason.ALREADY_RUNNING);
        assertThat(f.target.publishes()).isEmpty();
        assertThat(f.pair.realRestarts()).isEmpty();
    }

    @Test
    void secondaryRejectsConfig_rolledBack_primaryUntouched() {
        f.pair.secondary().on(f.newHash(), Behaviour.REJECT);

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        StepReport failure = report.failure().orElseThrow();
        assertThat(failure.step()).isEqualTo(RolloutStep.RESTART_SECONDARY);
        assertThat(failure.outcome().reason()).isEqualTo(StepReason.CONFIG_REJECTED);
        assertThat(failure.outcome().detail()).contains("secondary rejected", "dhcpd.conf line 12");
        assertThat(f.pair.realRestarts()).isEmpty();
        assertThat(f.target.published().map(PublishedBundle::hash)).hasValue(f.oldHash());
        assertThat(f.target.lastGood().map(PublishedBundle::hash)).hasValue(f.oldHash());
        assertThat(f.audit.steps())
                .containsSubsequence("restart-secondary", "restore-last-good", "rollback-secondary")
                .doesNotContain("restart-primary", "rollback-primary");
    }

    @Test
    void secondaryStartFails_rolledBackToLastGood_primaryUntouched() {
        f.pair.secondary().on(f.newHash(), Behaviour.START_FAIL);

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(report.failure().get().outcome().reason()).isEqualTo(StepReason.START_FAILED);
        assertThat(report.failure().get().outcome().detail()).contains("exited at once");
        assertThat(f.restartedRoles()).containsExactly(PeerRole.SECONDARY, PeerRole.SECONDARY);
        assertThat(f.pair.secondary().running()).hasValue(f.oldHash());
        assertThat(f.pair.primary().running()).hasValue(f.oldHash());
        f.assertNoRestartWithoutServingPartner();
    }

    @Test
    void secondaryNeverReachesNormal_rolledBackAtDeadline_reportingLastStates() {
        f.pair.secondary().on(f.newHash(), Behaviour.NEVER_NORMAL);

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        StepReport failure = report.failure().orElseThrow();
        assertThat(failure.outcome().reason()).isEqualTo(StepReason.NOT_NORMAL_BEFORE_DEADLINE);
        assertThat(failure.took()).isGreaterThanOrEqualTo(f.settings.restartDeadline());
        assertThat(failure.outcome().detail())
                .contains(
                        "secondary failover communications-interrupted",
                        "last seen: secondary: running=" + Hashes.brief(f.newHash()),
                        "primary: running=" + Hashes.brief(f.oldHash()));
        assertThat(f.restartedRoles()).containsExactly(PeerRole.SECONDARY, PeerRole.SECONDARY);
        assertThat(f.pair.secondary().running()).hasValue(f.oldHash());
        f.assertNoRestartWithoutServingPartner();
    }

    @Test
    void secondaryStuckInRecoverWait_haltsFast_primaryUntouched() {
        f.pair.secondary().on(f.newHash(), Behaviour.RECOVER_WAIT);

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.HALTED);
        StepReport failure = report.failure().orElseThrow();
        assertThat(failure.step()).isEqualTo(RolloutStep.RESTART_SECONDARY);
        assertThat(failure.outcome().kind()).isEqualTo(StepOutcome.Kind.HALT);
        assertThat(failure.outcome().reason())
                .isIn(StepReason.LEASE_STATE_LOST, StepReason.PARTNER_DOWN);
        assertThat(failure.took()).isLessThan(f.settings.restartDeadline().dividedBy(10));
        assertThat(f.restartedRoles()).containsExactly(PeerRole.SECONDARY);
        assertThat(f.pair.primary().running()).hasValue(f.oldHash());
        assertThat(f.audit.steps()).doesNotContain("restart-primary", "rollback-primary");
    }

    @Test
    void secondaryCrashLoops_failsFastAndRollsBack() {
        f.pair.secondary().on(f.newHash(), Behaviour.CRASH_LOOP);

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        StepReport failure = report.failure().orElseThrow();
        assertThat(failure.outcome().reason()).isEqualTo(StepReason.CRASH_LOOP);
        assertThat(failure.took()).isLessThan(f.settings.restartDeadline().dividedBy(10));
        assertThat(f.pair.secondary().running()).hasValue(f.oldHash());
        assertThat(f.pair.primary().running()).hasValue(f.oldHash());
        assertThat(f.restartedRoles()).doesNotContain(PeerRole.PRIMARY);
    }

    @Test
    void agentUnreachable_refusesBeforePublishing_nothingRestarted() {
        f.pair.secondary().unreachable = true;

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.RETRY_LATER);
        assertThat(report.failure().get().outcome().reason())
                .isEqualTo(StepReason.PEER_UNREACHABLE);
        assertThat(report.failure().get().outcome().detail())
                .contains("secondary: unreachable (connect to agent: connection refused)");
        assertThat(f.target.publishes()).isEmpty();
        assertThat(f.pair.restarts()).isEmpty();
    }

    @Test
    void secondaryAgentUnreachableAtRestart_rollbackHalts_primaryUntouched() {
        f.pair.secondary().beforeRestart = () -> f.pair.secondary().unreachable = true;

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.HALTED);
        assertThat(report.failures())
                .extracting(s -> s.outcome().reason())
                .containsExactly(StepReason.PEER_UNREACHABLE, StepReason.PEER_UNREACHABLE);
        assertThat(f.target.published().map(PublishedBundle::hash)).hasValue(f.oldHash());
        assertThat(f.pair.primary().running()).hasValue(f.oldHash());
        assertThat(f.pair.realRestarts()).isEmpty();
    }

    @Test
    void publishConflictStorm_boundedRetriesThenClearFailure_nothingRestarted() {
        f.target.conflictStorm = 1_000;

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.RETRY_LATER);
        StepReport failure = report.failure().orElseThrow();
        assertThat(failure.step()).isEqualTo(RolloutStep.PUBLISH);
        assertThat(failure.outcome().reason()).isEqualTo(StepReason.PUBLISH_CONFLICT);
        assertThat(failure.outcome().detail())
                .contains("on each of 5 attempts", "nothing restarted");
        assertThat(f.target.publishAttempts).isEqualTo(5);
        assertThat(f.target.published().map(PublishedBundle::hash)).hasValue(f.oldHash());
        assertThat(f.pair.restarts()).isEmpty();
    }

    @Test
    void publishConflictsBelowBound_areAbsorbed() {
        f.target.conflictStorm = 3;

        assertThat(f.rollNew().status()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(f.target.publishAttempts).isEqualTo(4);
    }

    @Test
    void propagationDeadlineExceeded_rolledBack_nothingRestarted() {
        f.pair.primary().neverMounts = true;

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        StepReport failure = report.failure().orElseThrow();
        assertThat(failure.step()).isEqualTo(RolloutStep.PROPAGATE);
        assertThat(failure.outcome().reason()).isEqualTo(StepReason.PROPAGATION_DEADLINE);
        assertThat(failure.took()).isEqualTo(f.settings.propagationDeadline());
        assertThat(failure.outcome().detail())
                .contains(
                        "primary mounts "
                                + Hashes.brief(f.oldHash())
                                + ", not "
                                + Hashes.brief(f.newHash()))
                .contains("nudged [secondary, primary]");
        assertThat(f.pair.restarts()).isEmpty();
        assertThat(f.target.published().map(PublishedBundle::hash)).hasValue(f.oldHash());
    }

    @Test
    void primaryFailsAfterSecondarySucceeded_bothEndOnLastGood_primaryFirstThenSecondary() {
        f.pair.primary().on(f.newHash(), Behaviour.NEVER_NORMAL);

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(report.failure().get().step()).isEqualTo(RolloutStep.RESTART_PRIMARY);
        assertThat(f.pair.realRestarts())
                .extracting(SimulatedPair.Restart::role, SimulatedPair.Restart::hash)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(PeerRole.SECONDARY, f.newHash()),
                        org.assertj.core.groups.Tuple.tuple(PeerRole.PRIMARY, f.newHash()),
                        org.assertj.core.groups.Tuple.tuple(PeerRole.PRIMARY, f.oldHash()),
                        org.assertj.core.groups.Tuple.tuple(PeerRole.SECONDARY, f.oldHash()));
        assertThat(f.pair.primary().running()).hasValue(f.oldHash());
        assertThat(f.pair.secondary().running()).hasValue(f.oldHash());
        assertThat(f.audit.steps())
                .containsSubsequence("restore-last-good", "rollback-primary", "rollback-secondary");
        f.assertNoRestartWithoutServingPartner();
    }

    @Test
    void primaryRejectsConfig_secondaryBroughtBack_bothOnLastGood() {
        f.pair.primary().on(f.newHash(), Behaviour.REJECT);

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(f.restartedRoles()).containsExactly(PeerRole.SECONDARY, PeerRole.SECONDARY);
        assertThat(f.pair.primary().running()).hasValue(f.oldHash());
        assertThat(f.pair.secondary().running()).hasValue(f.oldHash());
    }

    @Test
    void noLastGoodAndPairOnUnpublishedHash_failureHaltsWithoutRollbackTarget() {
        f.target.forgetLastGood();
        f.pair.secondary().on(f.newHash(), Behaviour.REJECT);
        f.target.publish(
                RollerFixture.bundle("other"), new PublishMetadata(f.time.instant(), List.of()));

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.HALTED);
        assertThat(report.failures())
                .extracting(s -> s.outcome().reason())
                .containsExactly(StepReason.CONFIG_REJECTED, StepReason.NO_LAST_GOOD);
        assertThat(f.pair.realRestarts()).isEmpty();
    }

    @Test
    void noLastGoodButBothRunPublished_adoptsItAndCanRollBack() {
        f.target.forgetLastGood();
        f.pair.secondary().on(f.newHash(), Behaviour.REJECT);

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(report.steps().get(1).outcome().detail()).contains("adopted");
        assertThat(f.target.lastGood().map(PublishedBundle::hash)).hasValue(f.oldHash());
    }

    @Test
    void pairAlreadyDegraded_haltsBeforePublishing() {
        f.pair.secondary().on(f.oldHash(), Behaviour.RECOVER_WAIT);

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.HALTED);
        assertThat(report.failure().get().step()).isEqualTo(RolloutStep.COMPARE);
        assertThat(f.target.publishes()).isEmpty();
    }

    @Test
    void lockLostBeforePrimary_haltsWithoutTouchingPrimary() {
        RolloutLock losing =
                new RolloutLock() {
                    private int checks;

                    @Override
                    public java.util.Optional<Held> acquire(
                            String holder, java.time.Duration wait) {
                        return java.util.Optional.of(
                                new Held() {
                                    @Override
                                    public boolean isHeld() {
                                        // asked before the publish and the secondary's restart
                                        return ++checks < 3;
                                    }

                                    @Override
                                    public void close() {}
                                });
                    }

                    @Override
                    public java.util.Optional<String> holder() {
                        return java.util.Optional.empty();
                    }
                };
        Roller roller = new Roller(f.target, losing, f.audit, f.settings, f.time, f.time);

        RolloutReport report = f.rollNew(roller);

        assertThat(report.status()).isEqualTo(RolloutStatus.HALTED);
        assertThat(report.failure().get().outcome().reason()).isEqualTo(StepReason.LOCK_LOST);
        assertThat(f.restartedRoles()).containsExactly(PeerRole.SECONDARY);
    }

    @Test
    void recordingLastGoodFails_haltsNamingTheError_peersStayOnNewHash() {
        f.target.failRecording = true;

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.HALTED);
        assertThat(report.failure().get().step()).isEqualTo(RolloutStep.RECORD_LAST_GOOD);
        assertThat(report.failure().get().outcome().reason())
                .isEqualTo(StepReason.UNEXPECTED_ERROR);
        assertThat(report.failure().get().outcome().detail()).contains("500 Internal Server Error");
        assertThat(f.pair.primary().running()).hasValue(f.newHash());
    }

    @Test
    void auditSinkFailing_doesNotStopTheRollout() {
        Roller roller =
                f.roller(
                        record -> {
                            throw new IllegalStateException("broker down");
                        });

        RolloutReport report = f.rollNew(roller);

        assertThat(report.status()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(report.steps()).hasSize(7);
    }

    @Test
    void restartRefusedInProgressOrByTheKeaPartnersTakeover_isRetriedUntilAccepted() {
        int[] refusals = {2};
        SimulatedPair.SimulatedPeer secondary = f.pair.secondary();
        List<RestartResult> answers =
                List.of(
                        new RestartResult.Refused("the partner did not take over"),
                        new RestartResult.InProgress());
        Roller roller =
                rollerWithSecondaryRestart(
                        hash ->
                                refusals[0]-- > 0
                                        ? answers.get(refusals[0])
                                        : secondary.restart(hash));

        assertThat(f.rollNew(roller).status()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(refusals[0]).isEqualTo(-1);
    }

    @Test
    void restartRefusedUntilTheDeadline_rolledBackNamingTheLastAnswer_nothingRestarted() {
        Roller roller =
                rollerWithSecondaryRestart(hash -> new RestartResult.HashMismatch("0".repeat(64)));

        RolloutReport report = f.rollNew(roller);

        assertThat(report.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        StepReport failure = report.failure().orElseThrow();
        assertThat(failure.outcome().reason()).isEqualTo(StepReason.RESTART_REFUSED);
        assertThat(failure.outcome().detail()).contains("HashMismatch[mountedHash=0000");
        assertThat(failure.took()).isGreaterThanOrEqualTo(f.settings.restartDeadline());
        assertThat(f.pair.realRestarts()).isEmpty();
    }

    /** The in-memory target with the secondary replaced. */
    /** A roller whose secondary is the simulated one, but answers restarts with {@code restart}. */
    private Roller rollerWithSecondaryRestart(Function<String, RestartResult> restart) {
        SimulatedPair.SimulatedPeer secondary = f.pair.secondary();
        Peer answering =
                new Peer() {
                    @Override
                    public PeerRole role() {
                        return PeerRole.SECONDARY;
                    }

                    @Override
                    public PeerState state() {
                        return secondary.state();
                    }

                    @Override
                    public void nudge(String hash) {
                        secondary.nudge(hash);
                    }

                    @Override
                    public RestartResult restart(String expectedHash) {
                        return restart.apply(expectedHash);
                    }

                    @Override
                    public RestartResult restartInPlace(String runningHash) {
                        return secondary.restartInPlace(runningHash);
                    }
                };
        return new Roller(
                new DelegatingTarget(f.target, answering),
                f.lock,
                f.audit,
                f.settings,
                f.time,
                f.time);
    }

    private record DelegatingTarget(InMemoryTarget delegate, Peer secondary)
            implements RolloutTarget {

        @Override
        public java.util.Optional<PublishedBundle> published() {
            return delegate.published();
        }

        @Override
        public PublishedBundle publish(
                dk.npflan.dhcp.config.RenderedConfig bundle, PublishMetadata metadata) {
            return delegate.publish(bundle, metadata);
        }

        @Override
        public java.util.Optional<PublishedBundle> lastGood() {
            return delegate.lastGood();
        }

        @Override
        public void recordLastGood(PublishedBundle bundle) {
            delegate.recordLastGood(bundle);
        }

        @Override
        public Peer peer(PeerRole role) {
            return role == PeerRole.SECONDARY ? secondary : delegate.peer(role);
        }
    }

    @Test
    void pairLeavingNormalAfterTheSecondarysGate_primaryIsNotRestarted_deferredAtStepFive() {
        AuditSink partitionAfterSecondary =
                f.auditThen("restart-secondary completed", () -> f.pair.partitioned = true);

        RolloutReport report = f.rollNew(f.roller(partitionAfterSecondary));

        assertThat(report.status()).isEqualTo(RolloutStatus.RETRY_LATER);
        assertThat(report.failure())
                .hasValueSatisfying(
                        step -> {
                            assertThat(step.step()).isEqualTo(RolloutStep.RESTART_PRIMARY);
                            assertThat(step.outcome().reason())
                                    .isEqualTo(StepReason.PAIR_NOT_NORMAL);
                        });
        assertThat(f.restartedRoles()).containsExactly(PeerRole.SECONDARY);
        assertThat(f.pair.primary().running()).hasValue(f.oldHash());
    }

    @Test
    void bringBackOrder_theNonServingPeerFirst_elseTheFailedStepsPeer_elseThePrimary() {
        String hash = f.newHash();
        PeerState primary = PeerStates.healthy(PeerRole.PRIMARY, hash);
        PeerState secondary = PeerStates.healthy(PeerRole.SECONDARY, hash);
        PeerState down = PeerStates.withProcess(secondary, false, false, false);
        PeerState primaryDown = PeerStates.withProcess(primary, false, false, false);

        assertThat(order(primary, down, PeerRole.PRIMARY)).startsWith(PeerRole.SECONDARY);
        assertThat(order(primaryDown, secondary, null)).startsWith(PeerRole.PRIMARY);
        assertThat(order(primary, secondary, PeerRole.SECONDARY)).startsWith(PeerRole.SECONDARY);
        assertThat(order(primary, secondary, PeerRole.PRIMARY)).startsWith(PeerRole.PRIMARY);
        assertThat(order(primary, secondary, null))
                .containsExactly(PeerRole.PRIMARY, PeerRole.SECONDARY);
    }

    private static List<PeerRole> order(PeerState primary, PeerState secondary, PeerRole broken) {
        return Roller.bringBackOrder(
                PeerStates.pair(primary, secondary), Optional.ofNullable(broken));
    }

    @Test
    void rolledBackOnHashButThePairNotWhole_isHalted_notRolledBack() {
        f.pair.secondary().on(f.newHash(), Behaviour.REJECT);

        RolloutReport report =
                f.rollNew(
                        f.roller(
                                f.auditThen(
                                        "restore-last-good completed",
                                        () -> f.pair.partitioned = true)));

        assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.HALTED);
        assertThat(f.pair.secondary().running()).hasValue(f.oldHash());
        assertThat(f.pair.primary().running()).hasValue(f.oldHash());
        StepReport last = report.steps().get(report.steps().size() - 1);
        assertThat(last.step()).isEqualTo(RolloutStep.ROLLBACK_SECONDARY);
        assertThat(last.outcome().reason()).isEqualTo(StepReason.NOT_NORMAL_BEFORE_DEADLINE);
    }

    @Test
    void rolledBack_endsWithTheHealthOfBothPeersChecked() {
        f.pair.secondary().on(f.newHash(), Behaviour.REJECT);

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        StepReport last = report.steps().get(report.steps().size() - 1);
        assertThat(last.outcome().detail()).contains("pair healthy: both peers on");
    }

    @Test
    void bundleFromAnOlderSnapshotThanThePublishedOne_isNotPublished_retryLater() {
        RenderedConfig newer = RollerFixture.bundle("newer, from another replica");
        f.target.publish(
                newer, new PublishMetadata(f.time.instant().plusSeconds(60), List.of("req-9")));
        int publishes = f.target.publishes().size();

        RolloutReport report = f.rollNew();

        assertThat(report.status()).isEqualTo(RolloutStatus.RETRY_LATER);
        assertThat(report.failure())
                .hasValueSatisfying(
                        step -> {
                            assertThat(step.step()).isEqualTo(RolloutStep.PUBLISH);
                            assertThat(step.outcome().reason())
                                    .isEqualTo(StepReason.OLDER_SNAPSHOT);
                        });
        assertThat(f.target.published().map(PublishedBundle::hash)).hasValue(newer.sha256());
        assertThat(f.target.publishes()).hasSize(publishes);
        assertThat(f.pair.restarts()).isEmpty();
    }

    @Test
    void pairStillSyncingAtTheDeadline_theGateIsExtendedOnce_noRollbackRestart() {
        // 2 state calls per 1 s poll: startup outlasts one 2 min deadline, not two
        f.pair.startupTicks = 300;

        RolloutReport report = f.rollNew();

        assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(f.restartedRoles()).containsExactly(PeerRole.SECONDARY, PeerRole.PRIMARY);
    }

    @Test
    void pairSyncingBeyondTheExtension_isRolledBack() {
        f.pair.startupTicks = 900; // below the 1,000 ticks the pair has been up

        RolloutReport report = f.rollNew();

        assertThat(report.failure())
                .hasValueSatisfying(
                        step -> {
                            assertThat(step.step()).isEqualTo(RolloutStep.RESTART_SECONDARY);
                            assertThat(step.outcome().reason())
                                    .isEqualTo(StepReason.NOT_NORMAL_BEFORE_DEADLINE);
                            assertThat(step.took())
                                    .isGreaterThanOrEqualTo(
                                            f.settings.restartDeadline().multipliedBy(2));
                        });
    }
}
