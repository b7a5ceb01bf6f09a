package dk.npflan.dhcp.rollout;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every audit record; optionally "kills" the roller right after the n-th record, i.e. at a
 * step boundary, by throwing an {@link Error} the roller does not catch.
 */
final class RecordingAuditSink implements AuditSink {

    /** Stands for the process dying: nothing after it runs, not even the next step. */
    static final class Killed extends Error {
        Killed(int after) {
            super("roller killed after audit record " + after);
        }
    }

    private final List<AuditRecord> records = new ArrayList<>();
    private final int killAfter;

    RecordingAuditSink() {
        this(Integer.MAX_VALUE);
    }

    RecordingAuditSink(int killAfter) {
        this.killAfter = killAfter;
    }

    @Override
    public synchronized void record(AuditRecord record) {
        records.add(record);
        if (records.size() == killAfter) {
            throw new Killed(killAfter);
        }
    }

    synchronized List<AuditRecord> records() {
        return List.copyOf(records);
    }

    /** The step of each step run, in order: the records that end a step. */
    synchronized List<String> steps() {
        return records.stream()
                .filter(r -> !r.type().equals(RolloutAudit.TYPE_STARTED))
                .map(r -> (String) r.data().get(RolloutAudit.STEP))
                .toList();
    }

    /** Every record as {@code <step> <type suffix>}, e.g. {@code restart-primary started}. */
    synchronized List<String> sequence() {
        return records.stream()
                .map(
                        r ->
                                r.data().get(RolloutAudit.STEP)
                                        + " "
                                        + r.type().substring(RolloutAudit.TYPE_PREFIX.length()))
                .toList();
    }
}
