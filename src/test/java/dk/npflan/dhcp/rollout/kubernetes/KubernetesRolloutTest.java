package dk.npflan.dhcp.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.omapi.FailoverState;
import dk.npflan.dhcp.rollout.AuditRecord;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.PublishedBundle;
import dk.npflan.dhcp.rollout.Roller;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutSettings;
import dk.npflan.dhcp.rollout.RolloutStatus;
import dk.npflan.dhcp.rollout.RolloutStep;
import dk.npflan.dhcp.rollout.StepReason;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roller driving the Kubernetes target against the mock API server: a simulated kubelet
 * projects the ConfigMap into each fake agent's directory (200 ms after a nudge, 30 s without), the
 * agents serve the agent API on loopback, and the Lease comes from the mock server as well.
 */
@EnableKubernetesMockClient(crud = true)
@Tag("slow")
class KubernetesRolloutTest {

    private static final Duration NUDGED = Duration.ofMillis(200);
    private static final Duration UNNUDGED = Duration.ofSeconds(30);

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir Path dir;

    private final RenderedConfig before = TestBundles.small("running before");
    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    private DhcpdPair pair;
    private KubernetesTarget target;

    @BeforeEach
    void pairRunningTheFirstBundle() {
        KubernetesTarget seed = new KubernetesTarget(client, DhcpdPair.settings(null, Map.of()), 3);
        seed.publish(before, new PublishMetadata(Instant.EPOCH, List.of()));
        pair = new DhcpdPair(client, server.createClient(), dir, NUDGED, UNNUDGED);
        target = new KubernetesTarget(client, pair.settings(Map.of()), 3);
        assertThat(pair.primary.runningHash()).isEqualTo(before.sha256());
        assertThat(pair.secondary.runningHash()).isEqualTo(before.sha256());
    }

    @AfterEach
    void stopPair() {
        pair.close();
    }

    private Roller roller(String replica, Duration propagationDeadline) {
        LeaseRolloutLock lock =
                new LeaseRolloutLock(
                        server.createClient(),
                        "test",
                        DhcpdPair.settings(null, Map.of("lease.identity", replica)).lease());
        RolloutSettings settings = DhcpdPair.rolloutSettings(propagationDeadline);
        return new Roller(target, lock, audit::add, settings);
    }

    private static PublishMetadata metadata() {
        return new PublishMetadata(Instant.parse("2026-12-01T08:00:00Z"), List.of("req-42"));
    }

    @Test
    void configChange_bothPeersEndOnNewHash_secondaryRestartedFirstPrimaryOnlyAfterBothNormal() {
        RenderedConfig next = TestBundles.small("adds a subnet");
        pair.secondary.afterRestartReport(
                FailoverState.STARTUP, FailoverState.COMMUNICATIONS_INTERRUPTED);

        RolloutReport report = roller("listener-a", Duration.ofSeconds(10)).roll(next, metadata());

        assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(pair.restarts)
                .extracting(FakeAgent.Restart::role)
                .containsExactly(PeerRole.SECONDARY, PeerRole.PRIMARY);
        // when the primary was restarted, the secondary had come back to normal
        assertThat(pair.restarts.get(1).otherLocalState()).contains(FailoverState.NORMAL);
        assertThat(pair.primary.runningHash()).isEqualTo(next.sha256());
        assertThat(pair.secondary.runningHash()).isEqualTo(next.sha256());
        assertThat(target.published()).map(PublishedBundle::hash).contains(next.sha256());
        assertThat(target.lastGood()).map(PublishedBundle::hash).contains(next.sha256());
        // the nudge, not the kubelet's 30 s sync, made the pods mount it
        assertThat(report.took(RolloutStep.PROPAGATE)).isLessThan(UNNUDGED.dividedBy(3));
    }

    @Test
    void bundleOf10000Pools_isProjectedGzippedAndRunsOnBothWithTheSameHash() throws Exception {
        RenderedConfig big = TestBundles.pools(10_000);

        RolloutReport report = roller("listener-a", Duration.ofSeconds(10)).roll(big, metadata());

        assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(pair.primary.runningHash()).isEqualTo(big.sha256());
        assertThat(pair.secondary.runningHash()).isEqualTo(big.sha256());
        assertThat(Files.exists(dir.resolve("mount-secondary").resolve("dhcpd.conf.gz"))).isTrue();
    }

    @Test
    void kubeletNeverCopies_propagationDeadlineRollsBackWithoutRestartingAnyone() {
        pair.kubelet.stopCopying();

        RolloutReport report =
                roller("listener-a", Duration.ofSeconds(2))
                        .roll(TestBundles.small("never projected"), metadata());

        assertThat(report.failure())
                .as(report.summary())
                .hasValueSatisfying(
                        step -> {
                            assertThat(step.step()).isEqualTo(RolloutStep.PROPAGATE);
                            assertThat(step.outcome().reason())
                                    .isEqualTo(StepReason.PROPAGATION_DEADLINE);
                        });
        assertThat(pair.restarts).isEmpty();
        assertThat(target.published()).map(PublishedBundle::hash).contains(before.sha256());
    }

    @Test
    void conflictStormOnTheConfigMap_retriesLaterWithNothingRestarted() {
        target =
                new KubernetesTarget(
                        ConcurrentWriter.clientRacedOnEveryWrite(server, Integer.MAX_VALUE),
                        pair.settings(Map.of("publish.max-attempts", "3")),
                        3);

        RolloutReport report =
                roller("listener-a", Duration.ofSeconds(5))
                        .roll(TestBundles.small("stormed"), metadata());

        assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.RETRY_LATER);
        assertThat(report.failure())
                .hasValueSatisfying(
                        step -> {
                            assertThat(step.step()).isEqualTo(RolloutStep.PUBLISH);
                            assertThat(step.outcome().reason())
                                    .isEqualTo(StepReason.PUBLISH_CONFLICT);
                        });
        assertThat(pair.restarts).isEmpty();
        assertThat(target.published()).map(PublishedBundle::hash).contains(before.sha256());
    }

    @Test
    void secondaryAgentUnreachable_retriesLaterWithoutPublishingOrRestarting() {
        pair.secondary.close();

        RolloutReport report =
                roller("listener-a", Duration.ofSeconds(5))
                        .roll(TestBundles.small("agent down"), metadata());

        assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.RETRY_LATER);
        assertThat(report.failure())
                .hasValueSatisfying(
                        step ->
                                assertThat(step.outcome().reason())
                                        .isEqualTo(StepReason.PEER_UNREACHABLE));
        assertThat(pair.restarts).isEmpty();
        assertThat(target.published()).map(PublishedBundle::hash).contains(before.sha256());
    }

    @Test
    void secondaryPodMissing_retriesLaterNamingTheSelector() {
        client.pods().withName("dhcpd-secondary-0").delete();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.pods().withName("dhcpd-secondary-0").get() == null);

        RolloutReport report =
                roller("listener-a", Duration.ofSeconds(5))
                        .roll(TestBundles.small("pod gone"), metadata());

        assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.RETRY_LATER);
        assertThat(report.failure())
                .hasValueSatisfying(
                        step -> {
                            assertThat(step.outcome().reason())
                                    .isEqualTo(StepReason.PEER_UNREACHABLE);
                            assertThat(step.outcome().detail()).contains("no secondary dhcpd pod");
                        });
        assertThat(pair.restarts).isEmpty();
    }

    @Test
    void twoListenerReplicasRacingForTheLease_thePairIsRolledOnce() {
        RenderedConfig next = TestBundles.small("raced");
        Roller a = roller("listener-a", Duration.ofSeconds(10));
        Roller b = roller("listener-b", Duration.ofSeconds(10));
        ExecutorService replicas = Executors.newFixedThreadPool(2);

        CompletableFuture<RolloutReport> first =
                CompletableFuture.supplyAsync(() -> a.roll(next, metadata()), replicas);
        CompletableFuture<RolloutReport> second =
                CompletableFuture.supplyAsync(() -> b.roll(next, metadata()), replicas);
        List<RolloutReport> reports = List.of(first.join(), second.join());
        replicas.shutdown();

        assertThat(reports)
                .extracting(RolloutReport::status)
                .as(reports.get(0).summary() + "\n" + reports.get(1).summary())
                .containsOnlyOnce(RolloutStatus.COMPLETED)
                .containsAnyOf(RolloutStatus.SKIPPED, RolloutStatus.RETRY_LATER);
        assertThat(pair.restarts)
                .extracting(FakeAgent.Restart::role)
                .containsExactly(PeerRole.SECONDARY, PeerRole.PRIMARY);
    }

    @Test
    void withoutNudge_theSimulatedKubeletWaitsItsLongDelay() {
        RenderedConfig next = TestBundles.small("not nudged");
        target.publish(next, metadata());

        // the kubelet double itself: no copy within a second without the nudge, quick with it
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(2))
                .until(
                        () ->
                                pair.secondary
                                        .mounted()
                                        .map(RenderedConfig::sha256)
                                        .orElseThrow()
                                        .equals(before.sha256()));
        target.peer(PeerRole.SECONDARY).nudge(next.sha256());
        await().atMost(Duration.ofSeconds(3))
                .until(
                        () ->
                                target.peer(PeerRole.SECONDARY)
                                        .state()
                                        .mountedHash()
                                        .orElseThrow()
                                        .equals(next.sha256()));
        assertThat(pair.primary.mounted().map(RenderedConfig::sha256)).contains(before.sha256());
    }
}
