package dk.npflan.dhcp.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.AuditRecord;
import dk.npflan.dhcp.rollout.PeerUnreachableException;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.PublishedBundle;
import dk.npflan.dhcp.rollout.Roller;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutSettings;
import dk.npflan.dhcp.rollout.RolloutStatus;
import dk.npflan.dhcp.rollout.RolloutStep;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server answering 500 mid-rollout (an apiserver restart in a control-plane upgrade): the
 * roller's target client here does not retry by itself (back-off limit 0), so every 500 reaches the
 * roller, which must poll on through a gate and retry its reads and writes instead of halting
 * {@code unexpected-error}.
 */
@EnableKubernetesMockClient(crud = true)
@Tag("slow")
class KubernetesApiOutageRolloutTest {

    private static final String NAMESPACE = "test";
    private static final String CONFIG_MAP = "/api/v1/namespaces/test/configmaps/dhcpd-config";
    private static final int FAILED_POD_LISTS = 150;

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir Path dir;

    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    private DhcpdPair pair;
    private KubernetesClient noRetries;
    private KubernetesTarget target;

    @BeforeEach
    void pairRunningTheFirstBundle() {
        new KubernetesTarget(client, DhcpdPair.settings(null, Map.of()), 3)
                .publish(
                        TestBundles.small("before"), new PublishMetadata(Instant.EPOCH, List.of()));
        pair =
                new DhcpdPair(
                        client,
                        server.createClient(),
                        dir,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(30));
        noRetries =
                new KubernetesClientBuilder()
                        .withConfig(
                                new ConfigBuilder(client.getConfiguration())
                                        .withRequestRetryBackoffLimit(0)
                                        .build())
                        .build();
        target = new KubernetesTarget(noRetries, pair.settings(Map.of()), 3);
    }

    @AfterEach
    void stop() {
        pair.close();
        noRetries.close();
    }

    private Roller roller() {
        RolloutSettings settings =
                CommandConfiguration.load(
                                Map.of(
                                        "netbox-dhcpd.rollout.propagation-deadline", "PT10S",
                                        "netbox-dhcpd.rollout.restart-deadline", "PT40S",
                                        "netbox-dhcpd.rollout.poll-interval", "PT0.05S",
                                        "netbox-dhcpd.rollout.lock-wait", "PT5S",
                                        "netbox-dhcpd.rollout.gate-stable-for", "PT0.2S"),
                                RolloutSettings.class)
                        .getConfigMapping(RolloutSettings.class);
        LeaseRolloutLock lock =
                new LeaseRolloutLock(
                        server.createClient(),
                        NAMESPACE,
                        DhcpdPair.settings(null, Map.of("lease.identity", "listener-a")).lease());
        return new Roller(target, lock, audit::add, settings);
    }

    private static PublishMetadata metadata() {
        return new PublishMetadata(Instant.parse("2026-12-07T08:00:00Z"), List.of("req-21"));
    }

    /** The pod list the locator sends for {@code role}. */
    private static String podList(PeerRole role) {
        return "/api/v1/namespaces/test/pods?labelSelector=app.kubernetes.io%2Fname%3Ddhcpd%2C"
                + "netbox-dhcpd.npflan.dk%2Frole%3D"
                + role.keyword();
    }

    private void failPodLists(PeerRole role, int times) {
        answer500(podList(role), "apiserver restarting", times);
    }

    /** The next {@code times} GETs of {@code path} answer 500; CRUD answers the rest. */
    private void answer500(String path, String message, int times) {
        server.expect()
                .get()
                .withPath(path)
                .andReturn(500, new StatusBuilder().withCode(500).withMessage(message).build())
                .times(times);
    }

    @Test
    void podListAnswering500_isAPeerNotReadNow_notAnError() {
        failPodLists(PeerRole.SECONDARY, 1);

        assertThatThrownBy(() -> target.peer(PeerRole.SECONDARY).state())
                .isInstanceOf(PeerUnreachableException.class)
                .hasMessageContaining("listing the secondary pod");
        assertThat(target.peer(PeerRole.SECONDARY).state().runningHash()).isPresent();
    }

    @Test
    void apiServerAnswering500DuringTheSecondarysGate_theRolloutPollsOnAndCompletes()
            throws InterruptedException {
        RenderedConfig next = TestBundles.small("after an apiserver restart");
        Thread outage =
                new Thread(
                        () -> {
                            while (pair.restarts.isEmpty()) {
                                Thread.onSpinWait();
                            }
                            failPodLists(PeerRole.SECONDARY, FAILED_POD_LISTS);
                            failPodLists(PeerRole.PRIMARY, FAILED_POD_LISTS);
                        });
        outage.setDaemon(true);
        outage.start();

        RolloutReport report = roller().roll(next, metadata());
        outage.join(1000);

        assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(pair.restarts)
                .extracting(FakeAgent.Restart::role)
                .containsExactly(PeerRole.SECONDARY, PeerRole.PRIMARY);
        // the gate waited out the 500s: each poll lists both pods
        assertThat(report.took(RolloutStep.RESTART_SECONDARY))
                .isGreaterThan(Duration.ofMillis(50).multipliedBy(FAILED_POD_LISTS / 2));
        assertThat(pair.secondary.runningHash()).isEqualTo(next.sha256());
        assertThat(pair.primary.runningHash()).isEqualTo(next.sha256());
    }

    @Test
    void configMapReadsAnswering500_publishAndRecordAreRetried_theRolloutCompletes() {
        RenderedConfig next = TestBundles.small("published through 500s");
        answer500(CONFIG_MAP, "etcdserver: leader changed", 5);

        RolloutReport report = roller().roll(next, metadata());

        assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(target.published()).map(PublishedBundle::hash).contains(next.sha256());
        assertThat(target.lastGood()).map(PublishedBundle::hash).contains(next.sha256());
    }
}
