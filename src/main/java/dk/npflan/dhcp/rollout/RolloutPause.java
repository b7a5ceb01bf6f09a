package dk.npflan.dhcp.rollout;

import java.time.Instant;

/**
 * Rollouts are paused (an event's change freeze): reconciles still render and check, but nothing is
 * published and no peer is restarted until an operator resumes. {@code note} is the operator's
 * free-text reason.
 */
public record RolloutPause(Instant since, String note) {}
