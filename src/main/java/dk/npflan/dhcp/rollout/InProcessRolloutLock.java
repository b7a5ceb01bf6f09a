package dk.npflan.dhcp.rollout;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link RolloutLock} for rollers that share one JVM (the local pair, the embedded run, tests).
 * Not reentrant: a second acquire by the same thread waits like anyone else's.
 */
public final class InProcessRolloutLock implements RolloutLock {

    private final Semaphore permit = new Semaphore(1);
    private final AtomicReference<String> holder = new AtomicReference<>();

    @Override
    public Optional<Held> acquire(String name, Duration wait) {
        try {
            if (!permit.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        holder.set(name);
        return Optional.of(new InProcessHeld());
    }

    @Override
    public Optional<String> holder() {
        return Optional.ofNullable(holder.get());
    }

    private final class InProcessHeld implements Held {

        private final AtomicBoolean held = new AtomicBoolean(true);

        @Override
        public boolean isHeld() {
            return held.get();
        }

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                holder.set(null);
                permit.release();
            }
        }
    }
}
