package dk.npflan.dhcp.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One step of a rollout as the status page's timeline and the step-duration metric show it, e.g.
 * {@code publish}, {@code restart} of the secondary.
 *
 * @param name step name, a fixed set chosen by the roller (used as a metric label)
 * @param peer the role the step acted on, if any ({@code primary}/{@code secondary})
 * @param outcome e.g. {@code completed}, {@code failed}, {@code skipped}
 * @param detail human-readable detail (failover states, error), never a secret
 */
public record RolloutStepTiming(
        String name,
        Optional<String> peer,
        Instant startedAt,
        Duration took,
        String outcome,
        String detail) {}
