package dk.npflan.dhcp.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dk.npflan.dhcp.rollout.RolloutLock;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
@Tag("slow")
class LeaseRolloutLockTest {

    KubernetesMockServer server;
    KubernetesClient client;

    /**
     * A replica with its own client, warmed up: a cold client's first request takes seconds here.
     */
    private LeaseRolloutLock lock(String identity) {
        return lock(identity, Map.of());
    }

    private LeaseRolloutLock lock(String identity, Map<String, String> overrides) {
        KubernetesClient own = server.createClient();
        own.leases().list();
        Map<String, String> settings = new HashMap<>(overrides);
        settings.put("lease.identity", identity);
        return new LeaseRolloutLock(own, "test", DhcpdPair.settings(null, settings).lease());
    }

    @Test
    void twoReplicasRacing_exactlyOneHoldsAndTheLeaseNamesIt() {
        LeaseRolloutLock a = lock("listener-a");
        LeaseRolloutLock b = lock("listener-b");

        ExecutorService replicas = Executors.newFixedThreadPool(2);
        CompletableFuture<Optional<RolloutLock.Held>> first =
                CompletableFuture.supplyAsync(
                        () -> a.acquire("rollout-1", Duration.ofSeconds(3)), replicas);
        CompletableFuture<Optional<RolloutLock.Held>> second =
                CompletableFuture.supplyAsync(
                        () -> b.acquire("rollout-2", Duration.ofSeconds(3)), replicas);
        List<Optional<RolloutLock.Held>> results = List.of(first.join(), second.join());
        replicas.shutdown();

        assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
        String winner =
                results.get(0).isPresent() ? "listener-a/rollout-1" : "listener-b/rollout-2";
        assertThat(a.holder()).contains(winner);
        assertThat(
                        client.leases()
                                .withName("netbox-dhcpd-rollout")
                                .get()
                                .getSpec()
                                .getHolderIdentity())
                .isEqualTo(winner);
        results.forEach(held -> held.ifPresent(RolloutLock.Held::close));
    }

    @Test
    void released_theOtherReplicaTakesOverWithoutWaitingOutTheLease() {
        Map<String, String> longLease =
                Map.of("lease.lease-duration", "PT10S", "lease.renew-deadline", "PT5S");
        LeaseRolloutLock a = lock("listener-a", longLease);
        LeaseRolloutLock b = lock("listener-b", longLease);
        RolloutLock.Held held = a.acquire("rollout-1", Duration.ofSeconds(2)).orElseThrow();
        assertThat(b.acquire("rollout-2", Duration.ofMillis(700))).isEmpty();

        held.close();

        assertThat(held.isHeld()).isFalse();
        // well under the 10 s lease duration: release-on-cancel cleared the holder
        Optional<RolloutLock.Held> next = b.acquire("rollout-2", Duration.ofSeconds(4));
        assertThat(next).isPresent();
        assertThat(b.holder()).contains("listener-b/rollout-2");
        next.get().close();
    }

    @Test
    void leaseTakenOverBehindOurBack_heldTurnsFalse() {
        LeaseRolloutLock a = lock("listener-a");
        RolloutLock.Held held = a.acquire("rollout-1", Duration.ofSeconds(2)).orElseThrow();
        assertThat(held.isHeld()).isTrue();

        // a holder that keeps renewing: our elector can neither renew nor re-acquire. Like a real
        // elector it tries again when our renewal got in between its read and its write (409):
        // an intruder that gave up on the first conflict left the lease with us, and the test
        // then waited for a takeover that never happened.
        ExecutorService intruderThread = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> intruder =
                CompletableFuture.runAsync(
                        () -> {
                            while (held.isHeld()) {
                                takeOver("intruder");
                                try {
                                    Thread.sleep(100);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        intruderThread);

        // renew deadline 2 s, retry period 0.5 s: the elector sees the intruder at its next
        // renewal; the bound leaves room for a loaded CI machine
        await().atMost(Duration.ofSeconds(20)).until(() -> !held.isHeld());
        intruder.join();
        intruderThread.shutdown();
        assertThat(a.holder()).contains("intruder");
        held.close();
    }

    @Test
    void leaseTakenOverBehindOurBack_isNotConfirmed_beforeOurElectorNotices() {
        // a long renew deadline: our elector would notice only at its next renewal, seconds away
        Map<String, String> longLease =
                Map.of("lease.lease-duration", "PT30S", "lease.renew-deadline", "PT20S");
        LeaseRolloutLock a = lock("listener-a", longLease);
        RolloutLock.Held held = a.acquire("rollout-1", Duration.ofSeconds(2)).orElseThrow();
        assertThat(held.confirm()).isTrue();

        // our elector's renewal may get in between (409): write until the Lease names the intruder
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> {
                            takeOver("intruder");
                            return a.holder().filter("intruder"::equals).isPresent();
                        });

        assertThat(held.isHeld()).as("the elector has not seen it yet").isTrue();
        assertThat(held.confirm()).as("the Lease is read before a write").isFalse();
        held.close();
    }

    private void takeOver(String holder) {
        try {
            client.leases()
                    .withName("netbox-dhcpd-rollout")
                    .edit(
                            lease ->
                                    new LeaseBuilder(lease)
                                            .editSpec()
                                            .withHolderIdentity(holder)
                                            .withRenewTime(ZonedDateTime.now())
                                            .endSpec()
                                            .build());
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }

    @Test
    void timingsThatCannotWork_areRefusedAtConstruction() {
        assertThatThrownBy(
                        () ->
                                new LeaseRolloutLock(
                                        client,
                                        "test",
                                        DhcpdPair.settings(
                                                        null,
                                                        Map.of(
                                                                "lease.lease-duration",
                                                                "PT2S",
                                                                "lease.renew-deadline",
                                                                "PT2S"))
                                                .lease()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lease-duration > renew-deadline");
    }
}
