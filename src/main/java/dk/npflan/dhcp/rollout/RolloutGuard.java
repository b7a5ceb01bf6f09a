package dk.npflan.dhcp.rollout;

import java.util.Optional;

/**
 * Asked by the {@link Roller} while it holds the rollout lock: before anything is touched, whether
 * the rollout may start at all, and once it ended, before the lock is released, how it ended. With
 * several replicas the lock passes from one to the next; only decisions taken and recorded under it
 * are seen by the next holder (the pause, a bundle held after it failed).
 */
public interface RolloutGuard {

    /** Lets every rollout start and forgets how it ended. */
    RolloutGuard NONE =
            new RolloutGuard() {
                @Override
                public Optional<String> refusal(String hash) {
                    return Optional.empty();
                }

                @Override
                public void ended(RolloutReport report) {}
            };

    /** Empty: the rollout of {@code hash} may start; else why not (nothing is touched). */
    Optional<String> refusal(String hash);

    /** The rollout ended as {@code report} says; still under the lock. */
    void ended(RolloutReport report);
}
