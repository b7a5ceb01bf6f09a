package dk.npflan.dhcp.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.Peer;
import dk.npflan.dhcp.rollout.PeerUnreachableException;
import dk.npflan.dhcp.rollout.PublishConflictException;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.PublishedBundle;
import dk.npflan.dhcp.rollout.RestartResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
@Tag("slow")
class KubernetesTargetTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private static final PublishMetadata METADATA =
            new PublishMetadata(Instant.parse("2026-12-01T07:00:00Z"), List.of("req-1", "req-2"));

    private KubernetesTarget target(KubernetesClient using, Map<String, String> overrides) {
        return new KubernetesTarget(using, DhcpdPair.settings(null, overrides), 2);
    }

    private ConfigMap stored() {
        return client.configMaps().withName("dhcpd-config").get();
    }

    @Test
    void firstPublish_createsConfigMapWithFilesAndAnnotations() {
        RenderedConfig bundle = TestBundles.small("first");

        PublishedBundle published = target(client, Map.of()).publish(bundle, METADATA);

        assertThat(published.hash()).isEqualTo(bundle.sha256());
        ConfigMap cm = stored();
        assertThat(cm.getData()).containsExactlyInAnyOrderEntriesOf(bundle.files());
        assertThat(cm.getBinaryData()).isNullOrEmpty();
        assertThat(cm.getMetadata().getAnnotations())
                .containsEntry(RolloutAnnotations.CONFIG_HASH, bundle.sha256())
                .containsEntry(RolloutAnnotations.GENERATED_AT, "2026-12-01T07:00:00Z")
                .containsEntry(RolloutAnnotations.NETBOX_REQUEST_IDS, "req-1,req-2");
    }

    @Test
    void publishOverManifestConfigMap_keepsItsLabelsAndForeignAnnotations() {
        client.configMaps()
                .resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("dhcpd-config")
                                .addToLabels("app.kubernetes.io/part-of", "netbox-dhcpd")
                                .addToAnnotations("kubectl.kubernetes.io/last-applied", "{}")
                                .endMetadata()
                                .build())
                .create();
        KubernetesTarget target = target(client, Map.of());
        assertThat(target.published()).isEmpty();

        target.publish(TestBundles.small("over manifest"), METADATA);

        ConfigMap cm = stored();
        assertThat(cm.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/part-of", "netbox-dhcpd");
        assertThat(cm.getMetadata().getAnnotations())
                .containsKey("kubectl.kubernetes.io/last-applied");
        assertThat(target.published())
                .map(PublishedBundle::hash)
                .contains(TestBundles.small("over manifest").sha256());
    }

    @Test
    void publishSameHashAgain_writesNothing() {
        KubernetesTarget target = target(client, Map.of());
        target.publish(TestBundles.small("same"), METADATA);
        String version = stored().getMetadata().getResourceVersion();

        PublishedBundle again =
                target.publish(
                        TestBundles.small("same"),
                        new PublishMetadata(
                                Instant.parse("2026-12-01T08:00:00Z"), List.of("req-3")));

        assertThat(stored().getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(again.netboxRequestIds()).containsExactly("req-1", "req-2");
    }

    @Test
    void bundleOf10000Pools_goesToGzippedBinaryDataAndReadsBackToTheSameHash() {
        RenderedConfig big = TestBundles.pools(10_000);
        assertThat(big.config().length()).isGreaterThan(2_000_000);
        KubernetesTarget target = target(client, Map.of());

        target.publish(big, METADATA);

        ConfigMap cm = stored();
        assertThat(cm.getData()).isNullOrEmpty();
        assertThat(cm.getBinaryData())
                .containsOnlyKeys(
                        "dhcpd.conf.gz",
                        "dhcpd.failover.primary.gz",
                        "dhcpd.failover.secondary.gz");
        assertThat(cm.getMetadata().getAnnotations())
                .containsEntry(RolloutAnnotations.CONFIG_HASH, big.sha256());
        PublishedBundle read = target(client, Map.of()).published().orElseThrow();
        assertThat(read.hash()).isEqualTo(big.sha256());
        assertThat(read.bundle().config()).isEqualTo(big.config());
        assertThat(read.generatedAt()).isEqualTo(METADATA.generatedAt());
    }

    @Test
    void smallAfterBig_dropsTheBinaryData() {
        KubernetesTarget target = target(client, Map.of());
        target.publish(TestBundles.pools(10_000), METADATA);

        target.publish(TestBundles.small("back to small"), METADATA);

        assertThat(stored().getBinaryData()).isNullOrEmpty();
        assertThat(target.published())
                .map(PublishedBundle::hash)
                .contains(TestBundles.small("back to small").sha256());
    }

    @Test
    void conflictStorm_retriesABoundedNumberOfTimesThenFailsClearly() {
        target(client, Map.of()).publish(TestBundles.small("before storm"), METADATA);
        KubernetesTarget target =
                target(
                        ConcurrentWriter.clientRacedOnEveryWrite(server, Integer.MAX_VALUE),
                        Map.of("publish.max-attempts", "4"));

        assertThatThrownBy(() -> target.publish(TestBundles.small("in storm"), METADATA))
                .isInstanceOf(PublishConflictException.class)
                .hasMessageContaining("dhcpd-config")
                .hasMessageContaining("4 attempts");
        assertThat(target.published())
                .map(PublishedBundle::hash)
                .contains(TestBundles.small("before storm").sha256());
    }

    @Test
    void twoConflicts_thirdAttemptPublishesAndKeepsTheOtherWritersChange() {
        target(client, Map.of()).publish(TestBundles.small("before"), METADATA);
        KubernetesTarget target =
                target(
                        ConcurrentWriter.clientRacedOnEveryWrite(server, 2),
                        Map.of("publish.max-attempts", "3"));

        target.publish(TestBundles.small("after two conflicts"), METADATA);

        assertThat(stored().getMetadata().getAnnotations())
                .containsEntry("other-writer", "0")
                .containsEntry(
                        RolloutAnnotations.CONFIG_HASH,
                        TestBundles.small("after two conflicts").sha256());
    }

    @Test
    void recordLastGood_keepsLastGoodAndAShortHistoryNewestFirst() {
        KubernetesTarget target = target(client, Map.of());
        assertThat(target.lastGood()).isEmpty();
        List<PublishedBundle> bundles =
                List.of("one", "two", "three", "four").stream()
                        .map(
                                m ->
                                        new PublishedBundle(
                                                TestBundles.small(m), Instant.EPOCH, List.of(m)))
                        .toList();

        bundles.forEach(target::recordLastGood);

        assertThat(target.lastGood()).contains(bundles.get(3));
        ConfigMap history = client.configMaps().withName("dhcpd-config-history").get();
        assertThat(history.getData())
                .containsEntry("last-good", bundles.get(3).hash())
                .containsEntry(
                        "history",
                        String.join(
                                ",",
                                bundles.get(3).hash(),
                                bundles.get(2).hash(),
                                bundles.get(1).hash()));
        assertThat(history.getBinaryData()).hasSize(3);
    }

    @Test
    void historyOfBigBundles_keepsOnlyWhatFitsOneMebibyte() {
        KubernetesTarget target =
                new KubernetesTarget(client, DhcpdPair.settings(null, Map.of()), 10);
        for (int i = 0; i < 4; i++) {
            // random comments make each bundle compress to ~400 KB: two fit, three do not
            StringBuilder noise = new StringBuilder();
            java.util.Random random = new java.util.Random(i);
            for (int line = 0; line < 40_000; line++) {
                noise.append("# ").append(Long.toHexString(random.nextLong())).append('\n');
            }
            target.recordLastGood(
                    new PublishedBundle(
                            TestBundles.of(noise.toString()), Instant.EPOCH, List.of()));
        }
        ConfigMap history = client.configMaps().withName("dhcpd-config-history").get();
        long stored =
                history.getBinaryData().values().stream()
                        .mapToLong(v -> java.util.Base64.getDecoder().decode(v).length)
                        .sum();
        assertThat(stored).isLessThanOrEqualTo(ConfigMapBundle.CONFIG_MAP_LIMIT_BYTES);
        assertThat(history.getBinaryData()).hasSize(2);
        assertThat(history.getData().get("history").split(",")).hasSize(2);
        assertThat(target.lastGood()).isPresent();
    }

    @Test
    void peerWithoutPod_isUnreachableNamingSelector() {
        Peer peer = target(client, Map.of()).peer(PeerRole.SECONDARY);

        assertThatThrownBy(peer::state)
                .isInstanceOf(PeerUnreachableException.class)
                .hasMessageContaining("no secondary dhcpd pod")
                .hasMessageContaining("netbox-dhcpd.npflan.dk/role=secondary");
        assertThat(peer.restart("a".repeat(64)))
                .isInstanceOfSatisfying(
                        RestartResult.Unreachable.class,
                        u -> assertThat(u.error()).contains("no secondary dhcpd pod"));
        assertThatThrownBy(() -> peer.nudge("abc")).isInstanceOf(PeerUnreachableException.class);
    }

    @Test
    void podWithoutIp_isUnreachableNamingThePod() {
        client.pods()
                .resource(
                        new PodBuilder(DhcpdPair.pod("dhcpd-pending", PeerRole.PRIMARY, 1))
                                .withNewStatus()
                                .withPhase("Pending")
                                .endStatus()
                                .build())
                .create();

        assertThatThrownBy(() -> target(client, Map.of()).peer(PeerRole.PRIMARY).state())
                .isInstanceOf(PeerUnreachableException.class)
                .hasMessageContaining("dhcpd-pending has no IP yet (phase Pending)");
    }

    @Test
    void peerWithTwoPods_failsNamingBoth() {
        client.pods().resource(DhcpdPair.pod("dhcpd-a", PeerRole.PRIMARY, 1)).create();
        client.pods().resource(DhcpdPair.pod("dhcpd-b", PeerRole.PRIMARY, 2)).create();
        KubernetesTarget target = target(client, Map.of());

        assertThatThrownBy(() -> target.peer(PeerRole.PRIMARY).state())
                .isInstanceOf(PeerUnreachableException.class)
                .hasMessageContaining("2 primary dhcpd pods")
                .hasMessageContaining("dhcpd-a, dhcpd-b");
    }

    @Test
    void nudge_annotatesThePodWithTheHash() {
        client.pods().resource(DhcpdPair.pod("dhcpd-s", PeerRole.SECONDARY, 1)).create();

        target(client, Map.of()).peer(PeerRole.SECONDARY).nudge("abc123");

        assertThat(client.pods().withName("dhcpd-s").get().getMetadata().getAnnotations())
                .containsEntry(RolloutAnnotations.CONFIG_HASH, "abc123");
    }
}
