package dk.npflan.dhcp.rollout.kubernetes;

import dk.npflan.dhcp.config.PeerRole;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Deployment controller and ReplicaSet the mock API server lacks, for one role's one-replica
 * Deployment: when the template changes (generation ahead of observedGeneration) it replaces the
 * pod after a delay — a new pod name, a new agent on a new port, the ConfigMap mounted afresh — and
 * then writes the status {@code kubectl rollout status} reads, through {@code /status}.
 */
final class FakeDeploymentController implements AutoCloseable {

    private final KubernetesClient client;
    private final SimulatedKubelet kubelet;
    private final Path dir;
    private final PeerRole role;
    private final String name;
    private final List<PeerRole> replacements;
    private final Duration delay;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private volatile FakeAgent agent;
    private volatile String pod;
    private int podCount;

    FakeDeploymentController(
            KubernetesClient client,
            SimulatedKubelet kubelet,
            Path dir,
            PeerRole role,
            String name,
            List<PeerRole> replacements,
            Duration delay) {
        this.client = client;
        this.kubelet = kubelet;
        this.dir = dir;
        this.role = role;
        this.name = name;
        this.replacements = replacements;
        this.delay = delay;
        client.apps()
                .deployments()
                .resource(
                        new DeploymentBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .endMetadata()
                                .withNewSpec()
                                .withReplicas(1)
                                .withNewTemplate()
                                .withNewMetadata()
                                .addToLabels("netbox-dhcpd.npflan.dk/role", role.keyword())
                                .endMetadata()
                                .endTemplate()
                                .endSpec()
                                .build())
                .create();
        startPod();
        writeStatus(1);
        loop.scheduleWithFixedDelay(this::reconcile, 20, 20, TimeUnit.MILLISECONDS);
    }

    FakeAgent agent() {
        return agent;
    }

    Deployment deployment() {
        return client.apps().deployments().withName(name).get();
    }

    private void startPod() {
        podCount++;
        pod = name + "-" + podCount;
        Path mount = dir.resolve(pod);
        kubelet.mount(pod, mount);
        // the pod's volume survives it: the new agent boots what the old one ran
        Optional<String> kept = Optional.ofNullable(agent).map(FakeAgent::runningHash);
        agent = new FakeAgent(role, mount, DhcpdPair.TOKEN, FakeAgent.newLog(), kept);
        client.pods().resource(DhcpdPair.pod(pod, role, agent.port())).create();
    }

    private void reconcile() {
        try {
            Deployment deployment = deployment();
            long generation = deployment.getMetadata().getGeneration();
            Long observed = deployment.getStatus().getObservedGeneration();
            if (observed != null && observed >= generation) {
                return;
            }
            Thread.sleep(delay.toMillis());
            FakeAgent old = agent;
            client.pods().withName(pod).delete();
            old.close();
            startPod();
            replacements.add(role);
            writeStatus(generation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the mock server is shutting down
        }
    }

    private void writeStatus(long generation) {
        client.apps()
                .deployments()
                .withName(name)
                .editStatus(
                        d ->
                                new DeploymentBuilder(d)
                                        .withStatus(
                                                new DeploymentStatusBuilder()
                                                        .withObservedGeneration(generation)
                                                        .withReplicas(1)
                                                        .withUpdatedReplicas(1)
                                                        .withReadyReplicas(1)
                                                        .withAvailableReplicas(1)
                                                        .build())
                                        .build());
    }

    @Override
    public void close() {
        loop.shutdownNow();
        agent.close();
    }
}
