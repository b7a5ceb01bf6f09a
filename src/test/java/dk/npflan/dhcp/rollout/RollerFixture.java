package dk.npflan.dhcp.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A pair running {@link #OLD}, a target publishing it, and rollers over them. */
final class RollerFixture {

    static final RenderedConfig OLD = bundle("old");
    static final RenderedConfig NEW = bundle("new");

    final ManualTime time = new ManualTime();
    final SimulatedPair pair = new SimulatedPair(OLD.sha256());
    final InMemoryTarget target =
            new InMemoryTarget(pair, new PublishedBundle(OLD, time.instant(), List.of("req-0")));
    final InProcessRolloutLock lock = new InProcessRolloutLock();
    final RecordingAuditSink audit = new RecordingAuditSink();
    RolloutSettings settings = TestSettings.standard();

    static RenderedConfig bundle(String name) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                RenderedConfig.CONFIG,
                "# " + name + "\nsubnet 10.1.0.0 netmask 255.255.255.0 {}\n");
        files.put(PeerRole.PRIMARY.fileName(), "failover peer \"dhcp\" { primary; }\n");
        files.put(PeerRole.SECONDARY.fileName(), "failover peer \"dhcp\" { secondary; }\n");
        return RenderedConfig.of(files);
    }

    Roller roller() {
        return roller(audit);
    }

    Roller roller(AuditSink sink) {
        return new Roller(target, lock, sink, settings, time, time);
    }

    RolloutReport rollNew() {
        return rollNew(roller());
    }

    RolloutReport rollNew(Roller roller) {
        return roller.roll("rollout-1", NEW, new PublishMetadata(time.instant(), List.of("req-1")));
    }

    String oldHash() {
        return OLD.sha256();
    }

    String newHash() {
        return NEW.sha256();
    }

    /** No peer was ever restarted while the other was not serving. */
    void assertNoRestartWithoutServingPartner() {
        assertThat(pair.realRestarts())
                .allSatisfy(
                        r ->
                                assertThat(r.partnerServing())
                                        .as("partner serving when %s was restarted", r.role())
                                        .isTrue());
    }

    /** The primary was never restarted onto a hash the secondary misbehaves on. */
    void assertPrimaryNeverOnWhatSecondaryRejected() {
        assertThat(pair.realRestarts())
                .filteredOn(r -> r.role() == PeerRole.PRIMARY)
                .allSatisfy(r -> assertThat(pair.secondary().misbehavesOn(r.hash())).isFalse());
    }

    List<PeerRole> restartedRoles() {
        return pair.realRestarts().stream().map(SimulatedPair.Restart::role).toList();
    }

    /** The fixture's audit sink that also runs {@code action} when {@code entry} is recorded. */
    AuditSink auditThen(String entry, Runnable action) {
        return record -> {
            audit.record(record);
            List<String> sequence = audit.sequence();
            if (sequence.get(sequence.size() - 1).equals(entry)) {
                action.run();
            }
        };
    }
}
