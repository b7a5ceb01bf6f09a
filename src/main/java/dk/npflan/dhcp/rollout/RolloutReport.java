package dk.npflan.dhcp.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a rollout (or repair) did, step by step with durations: the caller's answer, the source of
 * the timing breakdown in the benchmarks, and what an operator reads when it failed.
 */
public record RolloutReport(
        String rolloutId,
        String hash,
        RolloutStatus status,
        List<StepReport> steps,
        Duration took) {

    public RolloutReport {
        steps = List.copyOf(steps);
    }

    /** The first step that did not end {@code done}: why the rollout did not complete. */
    public Optional<StepReport> failure() {
        return steps.stream().filter(s -> !s.outcome().isDone()).findFirst();
    }

    /** Every step that did not end {@code done} (a failure, then perhaps a failed rollback). */
    public List<StepReport> failures() {
        return steps.stream().filter(s -> !s.outcome().isDone()).toList();
    }

    /** Total time spent in {@code step} (zero if it did not run). */
    public Duration took(RolloutStep step) {
        return steps.stream()
                .filter(s -> s.step() == step)
                .map(StepReport::took)
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** One line per step, for logs and the CLI. */
    public String summary() {
        return "rollout "
                + rolloutId
                + " of "
                + Hashes.brief(hash)
                + ": "
                + status
                + " in "
                + took.toMillis()
                + " ms\n"
                + steps.stream().map(s -> "  " + s).collect(Collectors.joining("\n"));
    }
}
