package dk.npflan.dhcp.rollout;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Where the {@link RolloutControl} lives: on Kubernetes annotations of the history ConfigMap, with
 * the directory target a file in its state directory, and in memory where one process is the only
 * roller (the local pair, no target, tests). Read before every rollout and written under the
 * rollout lock.
 */
public interface RolloutControlStore {

    RolloutControl read();

    /**
     * Applies {@code change} to what is stored and stores the result (optimistically where the
     * platform allows: a concurrent write makes it re-read and re-apply).
     *
     * @return what is stored afterwards
     */
    RolloutControl update(UnaryOperator<RolloutControl> change);

    /** A store of this process only. */
    static RolloutControlStore inMemory() {
        AtomicReference<RolloutControl> stored = new AtomicReference<>(RolloutControl.NONE);
        return new RolloutControlStore() {
            @Override
            public RolloutControl read() {
                return stored.get();
            }

            @Override
            public RolloutControl update(UnaryOperator<RolloutControl> change) {
                return stored.updateAndGet(change);
            }
        };
    }
}
