package dk.npflan.dhcp.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.rollout.HeldBundle;
import dk.npflan.dhcp.rollout.PublishedBundle;
import dk.npflan.dhcp.rollout.RolloutControl;
import dk.npflan.dhcp.rollout.RolloutPause;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pause and the held bundle on the history ConfigMap: what one replica writes, another replica
 * (its own {@link KubernetesTarget}) reads; bookkeeping of the last good bundle keeps them.
 */
@EnableKubernetesMockClient(crud = true)
@Tag("slow")
class ConfigMapRolloutControlTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");
    private static final HeldBundle HELD =
            new HeldBundle(
                    "abc",
                    HeldBundle.Cause.ROLLED_BACK,
                    "roll-back start-failed: secondary",
                    AT,
                    1,
                    AT.plusSeconds(1800));

    private KubernetesTarget replica() {
        return new KubernetesTarget(client, DhcpdPair.settings(null, Map.of()), 2);
    }

    private ConfigMap history() {
        return client.configMaps()
                .withName(DhcpdPair.settings(null, Map.of()).historyConfigMap())
                .get();
    }

    @Test
    void heldAndPausedByOneReplica_areReadByAnother_asAnnotationsOfTheHistoryConfigMap() {
        replica()
                .control()
                .update(
                        c ->
                                c.withHeld(Optional.of(HELD))
                                        .withPause(Optional.of(new RolloutPause(AT, "freeze"))));

        RolloutControl seen = replica().control().read();

        assertThat(seen.held()).contains(HELD);
        assertThat(seen.pause()).contains(new RolloutPause(AT, "freeze"));
        assertThat(history().getMetadata().getAnnotations())
                .containsKeys(
                        RolloutAnnotations.CONTROL_PREFIX + "held-bundle",
                        RolloutAnnotations.CONTROL_PREFIX + "rollouts-paused");
        assertThat(client.configMaps().withName("dhcpd-config").get()).isNull();
    }

    @Test
    void recordingALastGoodBundle_keepsTheHeldBundle_andClearingRemovesTheAnnotation() {
        KubernetesTarget target = replica();
        target.control().update(c -> c.withHeld(Optional.of(HELD)));

        target.recordLastGood(new PublishedBundle(TestBundles.small("good"), AT, List.of("r")));

        assertThat(replica().control().read().held()).contains(HELD);
        assertThat(replica().lastGood()).isPresent();
        target.control().update(c -> c.withHeld(Optional.empty()));
        assertThat(history().getMetadata().getAnnotations())
                .doesNotContainKey(RolloutAnnotations.CONTROL_PREFIX + "held-bundle");
        assertThat(replica().control().read()).isEqualTo(RolloutControl.NONE);
    }

    @Test
    void pauseAnnotationEditedIntoGarbage_stillCountsAsPaused() {
        replica().control().update(c -> c.withPause(Optional.of(new RolloutPause(AT, "freeze"))));
        ConfigMap cm = history();
        cm.getMetadata()
                .getAnnotations()
                .put(RolloutAnnotations.CONTROL_PREFIX + "rollouts-paused", "{oops");
        client.configMaps().resource(cm).update();

        assertThat(replica().control().read().pause()).isPresent();
    }

    @Test
    void nothingStored_isNoControl() {
        assertThat(replica().control().read()).isEqualTo(RolloutControl.NONE);
    }
}
