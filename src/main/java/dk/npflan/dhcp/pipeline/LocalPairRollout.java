package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.RolloutControlStore;
import dk.npflan.dhcp.rollout.RolloutStop;
import dk.npflan.dhcp.rollout.StepReason;
import dk.npflan.dhcp.rollout.local.EmbeddedPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code local} target's {@link ConfigRollout}: the embedded run's pair starts in the
 * background (agents, first sync, client network take seconds), so the service answers webhooks and
 * {@code /status} at once; the first rollout waits for the pair, every rollout then goes through
 * the roller ({@link RollerRollout}). A pair that did not start fails each rollout with why, and
 * {@code /status} says so per peer.
 */
final class LocalPairRollout implements ConfigRollout, AutoCloseable {

    // one process rolls the local pair: its pause and held bundle need no sharing
    private final RolloutControlStore control = RolloutControlStore.inMemory();
    private final CompletableFuture<Started> started;
    private final Duration startWait;

    private record Started(EmbeddedPair pair, RollerRollout rollout) {}

    /**
     * @param start builds the pair (blocking; run on its own thread here)
     * @param rollout the roller over the started pair's target
     * @param startWait how long a rollout waits for the pair to be up
     */
    LocalPairRollout(
            Supplier<EmbeddedPair> start,
            Function<EmbeddedPair, RollerRollout> rollout,
            Duration startWait) {
        this.startWait = startWait;
        this.started =
                CompletableFuture.supplyAsync(
                        () -> {
                            EmbeddedPair pair = start.get();
                            return new Started(pair, rollout.apply(pair));
                        },
                        task -> {
                            Thread thread = new Thread(task, "netbox-dhcpd-local-pair-start");
                            thread.setDaemon(true);
                            thread.start();
                        });
    }

    @Override
    public RolloutResult rollOut(RolloutRequest request) {
        try {
            return started.get(startWait.toMillis(), TimeUnit.MILLISECONDS)
                    .rollout()
                    .rollOut(request);
        } catch (ExecutionException e) {
            return new RolloutResult.Halted(
                    RolloutStop.before(StepReason.UNEXPECTED_ERROR, notStarted(e.getCause())),
                    List.of());
        } catch (TimeoutException e) {
            return new RolloutResult.RetryLater(
                    RolloutStop.before(
                            StepReason.PEER_UNREACHABLE,
                            "the local failover pair is not up after " + startWait),
                    List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RolloutResult.RetryLater(
                    RolloutStop.before(
                            StepReason.INTERRUPTED, "interrupted waiting for the local pair"),
                    List.of());
        }
    }

    @Override
    public Optional<RenderedConfig> published() {
        return running().flatMap(s -> s.rollout().published());
    }

    @Override
    public List<PeerStatus> peers() {
        Optional<Started> running = running();
        if (running.isPresent()) {
            return running.get().rollout().peers();
        }
        String why =
                started.isCompletedExceptionally()
                        ? notStarted(failure())
                        : "the local failover pair is starting";
        return List.of(
                PeerStatus.unavailable(PeerRole.PRIMARY.keyword(), why),
                PeerStatus.unavailable(PeerRole.SECONDARY.keyword(), why));
    }

    @Override
    public List<PeerPoolUsage> poolUsage() {
        return running().map(s -> s.rollout().poolUsage()).orElse(List.of());
    }

    @Override
    public RolloutControlStore control() {
        return control;
    }

    @Override
    public Optional<RolloutResult> rePair() {
        return running().flatMap(s -> s.rollout().rePair());
    }

    /** Removes the pair, now or (when it is still starting) as soon as it is up. */
    @Override
    public void close() {
        started.thenAccept(s -> s.pair().close());
    }

    private Optional<Started> running() {
        return started.isDone() && !started.isCompletedExceptionally()
                ? Optional.of(started.join())
                : Optional.empty();
    }

    private Throwable failure() {
        try {
            started.join();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }

    private static String notStarted(Throwable cause) {
        return "the local failover pair did not start: "
                + (cause == null ? "unknown" : cause.getMessage());
    }
}
