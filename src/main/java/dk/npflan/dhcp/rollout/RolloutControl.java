package dk.npflan.dhcp.rollout;

import java.util.Optional;

/**
 * What every replica has to agree on before it touches the pair, besides holding the lock: whether
 * rollouts are paused, and which bundle is held after it failed. It is kept by the rollout target
 * next to the last good bundle ({@link RolloutControlStore}), so whichever replica holds the lock
 * next reads what the last holder decided.
 */
public record RolloutControl(Optional<RolloutPause> pause, Optional<HeldBundle> held) {

    public static final RolloutControl NONE =
            new RolloutControl(Optional.empty(), Optional.empty());

    public RolloutControl withPause(Optional<RolloutPause> next) {
        return new RolloutControl(next, held);
    }

    public RolloutControl withHeld(Optional<HeldBundle> next) {
        return new RolloutControl(pause, next);
    }
}
