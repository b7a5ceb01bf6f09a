package dk.npflan.dhcp.rollout.kubernetes;

import dk.npflan.dhcp.rollout.RolloutLock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The cluster-wide half of "one rollout at a time": a coordination.k8s.io Lease held through
 * fabric8's {@code LeaderElector}, so several listener replicas never roll out at once.
 *
 * <p>Shaped by fabric8 7.5.2's behaviour (measured): an elector can be started only once, so every
 * acquisition builds a new one; its callbacks run on the election loop, so they only flip a flag
 * (work done in them would delay renewals and let another replica take over while this one still
 * believes it leads); a cancelled elector with release-on-cancel clears the holder, so the next
 * replica takes over within a retry period instead of a lease duration. The lease can still be lost
 * while held (a missed renewal): callers re-check {@link Held#isHeld()} before each destructive
 * step.
 *
 * <p>RBAC: leases get, create, patch (the elector renews with a JSON merge patch carrying the
 * resourceVersion).
 */
public final class LeaseRolloutLock implements RolloutLock {

    private static final Logger LOG = Logger.getLogger(LeaseRolloutLock.class);

    private final KubernetesClient client;
    private final String namespace;
    private final RolloutKubernetesSettings.Lease settings;
    private final String identity;

    public LeaseRolloutLock(
            KubernetesClient client, String namespace, RolloutKubernetesSettings.Lease settings) {
        if (settings.leaseDuration().compareTo(settings.renewDeadline()) <= 0
                || settings.renewDeadline().toMillis() <= 2.2 * settings.retryPeriod().toMillis()) {
            throw new IllegalArgumentException(
                    "lease: lease-duration > renew-deadline > 2.2 × retry-period is required, got "
                            + settings.leaseDuration()
                            + " / "
                            + settings.renewDeadline()
                            + " / "
                            + settings.retryPeriod());
        }
        this.client = client;
        this.namespace = namespace;
        this.settings = settings;
        this.identity = settings.identity().orElseGet(LeaseRolloutLock::defaultIdentity);
    }

    /** This process's part of the holder identity written into the Lease. */
    public String identity() {
        return identity;
    }

    /**
     * Starts a new elector with holder identity {@code <identity>/<holder>} and waits up to {@code
     * wait} for it to lead; gives up (and withdraws) otherwise.
     */
    @Override
    public Optional<Held> acquire(String holder, Duration wait) {
        String holderIdentity = identity + "/" + holder;
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean leading = new AtomicBoolean();
        CompletableFuture<?> future =
                client.leaderElector()
                        .withConfig(
                                new LeaderElectionConfigBuilder()
                                        .withName(settings.name())
                                        .withLock(
                                                new LeaseLock(
                                                        namespace, settings.name(), holderIdentity))
                                        .withLeaseDuration(settings.leaseDuration())
                                        .withRenewDeadline(settings.renewDeadline())
                                        .withRetryPeriod(settings.retryPeriod())
                                        .withReleaseOnCancel(true)
                                        .withLeaderCallbacks(
                                                new LeaderCallbacks(
                                                        () -> {
                                                            leading.set(true);
                                                            started.countDown();
                                                        },
                                                        () -> leading.set(false),
                                                        leader ->
                                                                LOG.debugf(
                                                                        "rollout lease %s now held"
                                                                                + " by %s",
                                                                        settings.name(), leader)))
                                        .build())
                        .build()
                        .start();
        LeaseHeld held = new LeaseHeld(holderIdentity, future, leading);
        try {
            if (started.await(wait.toMillis(), TimeUnit.MILLISECONDS) && held.isHeld()) {
                LOG.infof(
                        "rollout lease %s/%s acquired as %s",
                        namespace, settings.name(), holderIdentity);
                return Optional.of(held);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        held.close();
        return Optional.empty();
    }

    /** The Lease's current holder identity, if any. */
    @Override
    public Optional<String> holder() {
        Lease lease = client.leases().inNamespace(namespace).withName(settings.name()).get();
        return Optional.ofNullable(lease)
                .map(Lease::getSpec)
                .map(LeaseSpec::getHolderIdentity)
                .filter(h -> !h.isBlank());
    }

    private final class LeaseHeld implements Held {

        private final String holderIdentity;
        private final CompletableFuture<?> future;
        private final AtomicBoolean leading;

        private LeaseHeld(
                String holderIdentity, CompletableFuture<?> future, AtomicBoolean leading) {
            this.holderIdentity = holderIdentity;
            this.future = future;
            this.leading = leading;
        }

        @Override
        public boolean isHeld() {
            return leading.get() && !future.isDone();
        }

        /**
         * Reads the Lease: it must still name this holder, and its last renewal plus its duration
         * must lie ahead. A read that fails (after the client's retries) does not confirm.
         */
        @Override
        public boolean confirm() {
            if (!isHeld()) {
                return false;
            }
            try {
                LeaseSpec spec =
                        Optional.ofNullable(
                                        client.leases()
                                                .inNamespace(namespace)
                                                .withName(settings.name())
                                                .get())
                                .map(Lease::getSpec)
                                .orElse(null);
                if (spec == null || !holderIdentity.equals(spec.getHolderIdentity())) {
                    LOG.warnf(
                            "rollout lease %s/%s no longer names %s (holder %s)",
                            namespace,
                            settings.name(),
                            holderIdentity,
                            spec == null ? "none" : spec.getHolderIdentity());
                    return false;
                }
                if (spec.getRenewTime() != null && spec.getLeaseDurationSeconds() != null) {
                    ZonedDateTime expires =
                            spec.getRenewTime().plusSeconds(spec.getLeaseDurationSeconds());
                    if (!expires.isAfter(ZonedDateTime.now(ZoneOffset.UTC))) {
                        LOG.warnf(
                                "rollout lease %s/%s expired at %s",
                                namespace, settings.name(), expires);
                        return false;
                    }
                }
                return true;
            } catch (KubernetesClientException e) {
                LOG.warnf(
                        "rollout lease %s/%s unreadable: %s",
                        namespace, settings.name(), e.getMessage());
                return false;
            }
        }

        @Override
        public void close() {
            boolean wasHeld = isHeld();
            // with release-on-cancel the elector clears the holder on this thread
            future.cancel(true);
            leading.set(false);
            if (wasHeld) {
                LOG.infof(
                        "rollout lease %s/%s released by %s",
                        namespace, settings.name(), holderIdentity);
            }
        }
    }

    private static String defaultIdentity() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "netbox-dhcpd";
            }
        }
        // two processes with one hostname (a restart racing its predecessor) must not share a
        // holder
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
