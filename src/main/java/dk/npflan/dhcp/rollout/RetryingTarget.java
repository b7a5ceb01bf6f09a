package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The roller's view of its {@link RolloutTarget}: a call that fails with {@link
 * TargetUnavailableException} is tried again, the pause doubling from the poll interval up to ten
 * poll intervals, for at most the restart deadline; then the exception goes on to the step, which
 * ends retry-later when no peer was restarted yet in the run and halts otherwise ({@link
 * StepReason#PLATFORM_UNAVAILABLE}). Every target call is idempotent: reads, and writes that are
 * idempotent by hash.
 */
final class RetryingTarget implements RolloutTarget {

    private static final Logger LOG = Logger.getLogger(RetryingTarget.class);

    private final RolloutTarget target;
    private final RolloutSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    RetryingTarget(RolloutTarget target, RolloutSettings settings, Clock clock, Sleeper sleeper) {
        this.target = target;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Optional<PublishedBundle> published() {
        return retried("read the published bundle", target::published);
    }

    @Override
    public PublishedBundle publish(RenderedConfig bundle, PublishMetadata metadata) {
        return retried(
                "publish " + Hashes.brief(bundle.sha256()), () -> target.publish(bundle, metadata));
    }

    @Override
    public Optional<PublishedBundle> lastGood() {
        return retried("read the last good bundle", target::lastGood);
    }

    @Override
    public void recordLastGood(PublishedBundle bundle) {
        retried(
                "record " + Hashes.brief(bundle.hash()) + " as last good",
                () -> {
                    target.recordLastGood(bundle);
                    return null;
                });
    }

    @Override
    public Peer peer(PeerRole role) {
        return target.peer(role);
    }

    private <T> T retried(String what, Supplier<T> call) {
        Instant deadline = clock.instant().plus(settings.restartDeadline());
        Duration pause = settings.pollInterval();
        Duration longest = settings.pollInterval().multipliedBy(10);
        int failures = 0;
        while (true) {
            try {
                return call.get();
            } catch (TargetUnavailableException e) {
                failures++;
                Instant now = clock.instant();
                if (!now.plus(pause).isBefore(deadline)) {
                    throw new TargetUnavailableException(
                            "could not " + what + " in " + failures + " tries: " + e.getMessage(),
                            e);
                }
                LOG.warnf("could not %s (try %d, again in %s): %s", what, failures, pause, e);
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause =
                        pause.multipliedBy(2).compareTo(longest) > 0
                                ? longest
                                : pause.multipliedBy(2);
            }
        }
    }
}
