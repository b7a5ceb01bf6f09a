package dk.npflan.dhcp.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.InProcessRolloutLock;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.RestartResult;
import dk.npflan.dhcp.rollout.Roller;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutSettings;
import dk.npflan.dhcp.rollout.RolloutStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
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
 * Restart mode {@code rollout-restart}: each role's Deployment is rolled instead of its agent
 * asked.
 */
@EnableKubernetesMockClient(crud = true)
@Tag("slow")
class RolloutRestartTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir Path dir;

    private final RenderedConfig before = TestBundles.small("before");
    private final List<PeerRole> replacements = new CopyOnWriteArrayList<>();
    private SimulatedKubelet kubelet;
    private FakeDeploymentController primary;
    private FakeDeploymentController secondary;
    private KubernetesTarget target;

    @BeforeEach
    void deploymentsRunningTheFirstBundle() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), DhcpdPair.TOKEN);
        target =
                new KubernetesTarget(
                        client,
                        DhcpdPair.settings(token, Map.of("restart-mode", "rollout-restart")),
                        2);
        target.publish(before, new PublishMetadata(Instant.EPOCH, List.of()));
        kubelet =
                new SimulatedKubelet(
                        server.createClient(),
                        "test",
                        "dhcpd-config",
                        Duration.ofMillis(100),
                        Duration.ofSeconds(30));
        KubernetesClient controllers = server.createClient();
        Duration replaceAfter = Duration.ofMillis(200);
        primary =
                new FakeDeploymentController(
                        controllers,
                        kubelet,
                        dir,
                        PeerRole.PRIMARY,
                        "dhcpd-primary",
                        replacements,
                        replaceAfter);
        secondary =
                new FakeDeploymentController(
                        controllers,
                        kubelet,
                        dir,
                        PeerRole.SECONDARY,
                        "dhcpd-secondary",
                        replacements,
                        replaceAfter);
    }

    @AfterEach
    void stop() {
        primary.close();
        secondary.close();
        kubelet.close();
    }

    @Test
    void restart_patchesTemplateWithTheHashAndReportsTheNewPodOnIt() {
        RenderedConfig next = TestBundles.small("next");
        target.publish(next, new PublishMetadata(Instant.EPOCH, List.of()));
        String oldPod = podOf(PeerRole.SECONDARY);

        RestartResult result = target.peer(PeerRole.SECONDARY).restart(next.sha256());

        assertThat(result)
                .isInstanceOfSatisfying(
                        RestartResult.Restarted.class,
                        r -> assertThat(r.runningHash()).isEqualTo(next.sha256()));
        assertThat(podOf(PeerRole.SECONDARY)).isNotEqualTo(oldPod);
        assertThat(secondary.agent().runningHash()).isEqualTo(next.sha256());
        assertThat(secondary.agent().restarts())
                .as("the new pod booted its kept bundle; the new one came through the apply")
                .isEqualTo(1);
        assertThat(secondary.deployment().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry(RolloutAnnotations.CONFIG_HASH, next.sha256());
        assertThat(replacements).containsExactly(PeerRole.SECONDARY);
    }

    @Test
    void restartOntoTheHashItRuns_changesNothing() {
        long generation = secondary.deployment().getMetadata().getGeneration();

        RestartResult result = target.peer(PeerRole.SECONDARY).restart(before.sha256());

        assertThat(result).isEqualTo(new RestartResult.AlreadyRunning(before.sha256()));
        assertThat(secondary.deployment().getMetadata().getGeneration()).isEqualTo(generation);
        assertThat(replacements).isEmpty();
    }

    @Test
    void controllerNeverRolls_isStartFailedWithWhatWasLastSeen() {
        secondary.close(); // no controller: the template change is never observed
        KubernetesTarget impatient =
                new KubernetesTarget(
                        client,
                        DhcpdPair.settings(
                                null,
                                Map.of(
                                        "restart-mode",
                                        "rollout-restart",
                                        "rollout-restart.timeout",
                                        "PT0.5S")),
                        2);

        RestartResult result = impatient.peer(PeerRole.SECONDARY).restart("e".repeat(64));

        assertThat(result)
                .isInstanceOfSatisfying(
                        RestartResult.StartFailed.class,
                        f ->
                                assertThat(f.error())
                                        .contains("PT0.5S")
                                        .contains("spec update to be observed"));
    }

    @Test
    void roller_rollsSecondaryDeploymentThenPrimary() {
        RenderedConfig next = TestBundles.small("rolled");
        RolloutSettings settings =
                CommandConfiguration.load(
                                Map.of(
                                        "netbox-dhcpd.rollout.poll-interval", "PT0.05S",
                                        "netbox-dhcpd.rollout.propagation-deadline", "PT10S",
                                        "netbox-dhcpd.rollout.restart-deadline", "PT15S",
                                        "netbox-dhcpd.rollout.gate-stable-for", "PT0.2S"),
                                RolloutSettings.class)
                        .getConfigMapping(RolloutSettings.class);

        RolloutReport report =
                new Roller(target, new InProcessRolloutLock(), r -> {}, settings)
                        .roll(next, new PublishMetadata(Instant.EPOCH, List.of()));

        assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(replacements).containsExactly(PeerRole.SECONDARY, PeerRole.PRIMARY);
        assertThat(primary.agent().runningHash()).isEqualTo(next.sha256());
        assertThat(secondary.agent().runningHash()).isEqualTo(next.sha256());
    }

    private String podOf(PeerRole role) {
        return client.pods()
                .withLabel("netbox-dhcpd.npflan.dk/role", role.keyword())
                .list()
                .getItems()
                .get(0)
                .getMetadata()
                .getName();
    }
}
