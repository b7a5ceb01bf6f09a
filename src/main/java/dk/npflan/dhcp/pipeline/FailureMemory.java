package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.rollout.HeldBundle;
import dk.npflan.dhcp.rollout.RolloutControl;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutStep;
import dk.npflan.dhcp.rollout.StepReason;
import dk.npflan.dhcp.rollout.StepReport;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of the failure memory and the pause (docs/rollout.md, "Failure memory and the pause"),
 * as values in, values out. A bundle whose rollout rolled back, or halted after it was published,
 * is held: it is not rolled out again until NetBox renders a different one, its back-off has passed
 * (doubling from {@code backoff} with each failure in a row, capped at {@code maxBackoff}), or an
 * operator forces it. A halt before anything was published (the pair already degraded) holds
 * nothing: the bundle was never tried; so does a rollout stopped because the roller lost its lock
 * or was interrupted (a shutdown), even when it was rolled back. The pause stops every rollout,
 * forced or not.
 */
final class FailureMemory {

    /** Failures that stopped the roller, not the bundle: they hold nothing. */
    private static final Set<StepReason> NOT_THE_BUNDLE =
            EnumSet.of(StepReason.LOCK_LOST, StepReason.INTERRUPTED);

    private final Duration backoff;
    private final Duration maxBackoff;

    FailureMemory(Duration backoff, Duration maxBackoff) {
        if (backoff.isNegative() || backoff.isZero() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException(
                    "held-bundle-backoff must be positive and held-bundle-max-backoff at least as"
                            + " long");
        }
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
    }

    RolloutAdmission admit(RolloutControl control, String hash, boolean force, Instant now) {
        if (control.pause().isPresent()) {
            return new RolloutAdmission.Paused(control.pause().get());
        }
        Optional<HeldBundle> held = control.held().filter(h -> h.hash().equals(hash));
        if (held.isEmpty()) {
            return new RolloutAdmission.Go();
        }
        if (force) {
            return new RolloutAdmission.Forced(held.get());
        }
        return now.isBefore(held.get().retryAt())
                ? new RolloutAdmission.Held(held.get())
                : new RolloutAdmission.Retry(held.get());
    }

    /** What is held once the rollout {@code report} describes has ended at {@code now}. */
    Optional<HeldBundle> after(Optional<HeldBundle> held, RolloutReport report, Instant now) {
        if (report.failure()
                .map(f -> NOT_THE_BUNDLE.contains(f.outcome().reason()))
                .orElse(false)) {
            return held;
        }
        return switch (report.status()) {
            case COMPLETED, SKIPPED -> Optional.empty();
            case RETRY_LATER -> held;
            case ROLLED_BACK -> Optional.of(hold(held, report, HeldBundle.Cause.ROLLED_BACK, now));
            case HALTED ->
                    published(report)
                            ? Optional.of(hold(held, report, HeldBundle.Cause.HALTED, now))
                            : held;
        };
    }

    /** The back-off after the {@code failures}-th failure in a row. */
    Duration backoffAfter(int failures) {
        Duration delay = backoff;
        for (int i = 1; i < failures && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    private HeldBundle hold(
            Optional<HeldBundle> held, RolloutReport report, HeldBundle.Cause cause, Instant now) {
        int failures =
                held.filter(h -> h.hash().equals(report.hash()))
                        .map(h -> h.failures() + 1)
                        .orElse(1);
        String reason = report.failure().map(StepReport::toString).orElse(cause.label());
        return new HeldBundle(
                report.hash(), cause, reason, now, failures, now.plus(backoffAfter(failures)));
    }

    private static boolean published(RolloutReport report) {
        return report.steps().stream().anyMatch(s -> s.step() == RolloutStep.PUBLISH);
    }
}
