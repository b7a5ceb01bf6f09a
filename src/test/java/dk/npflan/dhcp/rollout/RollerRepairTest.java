package dk.npflan.dhcp.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.rollout.SimulatedPair.Behaviour;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The roller "killed" at every step boundary (after each audit record) and inside steps (right
 * after each restart call), then a fresh roller over the same platform state repairs: both peers
 * end on one hash, it is published and recorded as last good, the primary was never restarted onto
 * a config the secondary rejected, and no peer was restarted while the other was not serving.
 */
class RollerRepairTest {

    /**
     * A failure scenario: how to script the pair, and whether a completed run ends on the new hash.
     */
    record Scenario(String name, Consumer<RollerFixture> script, boolean endsOnNew) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Scenario> scenarios() {
        return List.of(
                new Scenario("happy path", f -> {}, true),
                new Scenario(
                        "secondary rejects",
                        f -> f.pair.secondary().on(f.newHash(), Behaviour.REJECT),
                        false),
                new Scenario(
                        "secondary start fails",
                        f -> f.pair.secondary().on(f.newHash(), Behaviour.START_FAIL),
                        false),
                new Scenario(
                        "secondary never normal",
                        f -> f.pair.secondary().on(f.newHash(), Behaviour.NEVER_NORMAL),
                        false),
                new Scenario(
                        "secondary crash loop",
                        f -> f.pair.secondary().on(f.newHash(), Behaviour.CRASH_LOOP),
                        false),
                new Scenario(
                        "primary never normal",
                        f -> f.pair.primary().on(f.newHash(), Behaviour.NEVER_NORMAL),
                        false),
                new Scenario(
                        "primary crash loop",
                        f -> f.pair.primary().on(f.newHash(), Behaviour.CRASH_LOOP),
                        false),
                new Scenario(
                        "primary rejects",
                        f -> f.pair.primary().on(f.newHash(), Behaviour.REJECT),
                        false),
                new Scenario(
                        "primary start fails",
                        f -> f.pair.primary().on(f.newHash(), Behaviour.START_FAIL),
                        false),
                new Scenario(
                        "primary never mounts", f -> f.pair.primary().neverMounts = true, false));
    }

    static Stream<Arguments> killedAfterEachAuditRecord() {
        return scenarios().stream()
                .flatMap(
                        s ->
                                IntStream.rangeClosed(1, uninterrupted(s).audit.records().size())
                                        .mapToObj(k -> Arguments.of(s, k)));
    }

    static Stream<Arguments> killedAfterEachRestartCall() {
        return scenarios().stream()
                .flatMap(
                        s ->
                                IntStream.rangeClosed(1, uninterrupted(s).pair.restarts().size())
                                        .mapToObj(k -> Arguments.of(s, k)));
    }

    @ParameterizedTest(name = "{0}, killed after audit record {1}")
    @MethodSource("killedAfterEachAuditRecord")
    void killedBetweenSteps_repairEndsWithBothPeersOnOneValidatedHash(Scenario scenario, int k) {
        RollerFixture f = fixture(scenario);
        RecordingAuditSink dying = new RecordingAuditSink(k);
        Optional<RolloutReport> report = runUntilKilled(f, f.roller(dying));
        List<String> doneSteps = dying.steps();

        RolloutReport repaired = f.roller().repair("repair-1");

        assertRepaired(f, repaired);
        boolean published = doneSteps.contains("publish");
        String expected = scenario.endsOnNew() && published ? f.newHash() : f.oldHash();
        assertThat(f.pair.primary().running()).as(repaired.summary()).hasValue(expected);
        report.ifPresent(r -> assertThat(k).isEqualTo(dying.records().size()));
    }

    @ParameterizedTest(name = "{0}, killed right after restart call {1}")
    @MethodSource("killedAfterEachRestartCall")
    void killedInsideARestartStep_repairEndsWithBothPeersOnOneValidatedHash(
            Scenario scenario, int k) {
        RollerFixture f = fixture(scenario);
        int[] calls = {0};
        Runnable killAtK =
                () -> {
                    if (++calls[0] == k) {
                        throw new RecordingAuditSink.Killed(-k);
                    }
                };
        f.pair.primary().afterRestart = killAtK;
        f.pair.secondary().afterRestart = killAtK;
        runUntilKilled(f, f.roller(new RecordingAuditSink()));
        f.pair.primary().afterRestart = () -> {};
        f.pair.secondary().afterRestart = () -> {};

        RolloutReport repaired = f.roller().repair("repair-1");

        assertRepaired(f, repaired);
        String expected = scenario.endsOnNew() ? f.newHash() : f.oldHash();
        assertThat(f.pair.primary().running()).as(repaired.summary()).hasValue(expected);
    }

    static Stream<Arguments> killedAgainDuringRepair() {
        return scenarios().stream()
                .filter(
                        s ->
                                s.name().equals("happy path")
                                        || s.name().equals("primary never normal"))
                .flatMap(
                        s -> {
                            int records = uninterrupted(s).audit.records().size();
                            return IntStream.rangeClosed(1, records)
                                    .boxed()
                                    .flatMap(
                                            k ->
                                                    IntStream.rangeClosed(1, records)
                                                            .mapToObj(j -> Arguments.of(s, k, j)));
                        });
    }

    @ParameterizedTest(name = "{0}, killed after record {1}, repair killed after record {2}")
    @MethodSource("killedAgainDuringRepair")
    void repairKilledToo_nextRepairStillConverges(Scenario scenario, int k, int j) {
        RollerFixture f = fixture(scenario);
        runUntilKilled(f, f.roller(new RecordingAuditSink(k)));
        try {
            f.roller(new RecordingAuditSink(j)).repair("repair-1");
        } catch (RecordingAuditSink.Killed killed) {
            // died again
        }

        RolloutReport repaired = f.roller().repair("repair-2");

        assertRepaired(f, repaired);
    }

    @org.junit.jupiter.api.Test
    void oneFailedStateOfThePrimaryDuringRepair_doesNotSkipTheSecondarysGate() {
        RollerFixture f = new RollerFixture();
        f.pair.secondary().on(f.newHash(), Behaviour.NEVER_NORMAL);
        f.pair.secondary().afterRestart =
                () -> {
                    throw new RecordingAuditSink.Killed(-1);
                };
        runUntilKilled(f, f.roller(new RecordingAuditSink()));
        f.pair.secondary().afterRestart = () -> {};
        assertThat(f.pair.secondary().running()).hasValue(f.newHash());
        AuditSink losingOneAnswer =
                f.auditThen("restart-secondary started", () -> f.pair.primary().failingStates = 1);

        RolloutReport repaired = f.roller(losingOneAnswer).repair("repair-1");

        assertThat(f.audit.sequence()).contains("restart-secondary started");
        assertThat(repaired.status()).as(repaired.summary()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(repaired.failure())
                .hasValueSatisfying(
                        step -> {
                            assertThat(step.step()).isEqualTo(RolloutStep.RESTART_SECONDARY);
                            assertThat(step.outcome().reason())
                                    .isEqualTo(StepReason.NOT_NORMAL_BEFORE_DEADLINE);
                        });
        assertThat(f.pair.realRestarts()).filteredOn(r -> r.role() == PeerRole.PRIMARY).isEmpty();
        assertRepaired(f, repaired);
    }

    private static void assertRepaired(RollerFixture f, RolloutReport repaired) {
        assertThat(repaired.status())
                .as(repaired.summary())
                .isIn(RolloutStatus.SKIPPED, RolloutStatus.COMPLETED, RolloutStatus.ROLLED_BACK);
        Optional<String> primary = f.pair.primary().running();
        assertThat(primary).as(repaired.summary()).isPresent();
        assertThat(f.pair.secondary().running()).as(repaired.summary()).isEqualTo(primary);
        assertThat(f.target.published().map(PublishedBundle::hash)).isEqualTo(primary);
        assertThat(f.target.lastGood().map(PublishedBundle::hash)).isEqualTo(primary);
        f.assertPrimaryNeverOnWhatSecondaryRejected();
        f.assertNoRestartWithoutServingPartner();
        assertThat(f.pair.realRestarts())
                .filteredOn(r -> r.role() == PeerRole.PRIMARY)
                .allSatisfy(r -> assertThat(r.partnerServing()).isTrue());
    }

    private static RollerFixture fixture(Scenario scenario) {
        RollerFixture f = new RollerFixture();
        scenario.script().accept(f);
        return f;
    }

    private static RollerFixture uninterrupted(Scenario scenario) {
        RollerFixture f = fixture(scenario);
        f.rollNew();
        return f;
    }

    /** Runs the rollout; empty when it was killed, the report if it got through. */
    private static Optional<RolloutReport> runUntilKilled(RollerFixture f, Roller roller) {
        try {
            return Optional.of(f.rollNew(roller));
        } catch (RecordingAuditSink.Killed killed) {
            return Optional.empty();
        } catch (RuntimeException e) {
            return fail("only the simulated kill may escape the roller", e);
        }
    }
}
