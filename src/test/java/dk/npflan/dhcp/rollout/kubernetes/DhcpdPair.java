package dk.npflan.dhcp.rollout.kubernetes;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.rollout.RolloutSettings;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dhcpd pair as the mock API server sees it: two pods labelled as the manifests label them, each
 * with a fake agent on loopback (its port declared as the pod's {@code agent} container port) and a
 * mount directory fed by a {@link SimulatedKubelet}.
 */
final class DhcpdPair implements AutoCloseable {

    static final String TOKEN = "agent-token-for-tests-only";

    final KubernetesClient client;
    final Path tokenFile;
    final List<FakeAgent.Restart> restarts = FakeAgent.newLog();
    final FakeAgent primary;
    final FakeAgent secondary;
    final SimulatedKubelet kubelet;

    DhcpdPair(
            KubernetesClient client,
            KubernetesClient kubeletClient,
            Path dir,
            Duration nudgedDelay,
            Duration unnudgedDelay) {
        this.client = client;
        try {
            tokenFile = Files.writeString(dir.resolve("agent-token"), TOKEN + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kubelet =
                new SimulatedKubelet(
                        kubeletClient,
                        client.getNamespace(),
                        "dhcpd-config",
                        nudgedDelay,
                        unnudgedDelay);
        primary = agent(PeerRole.PRIMARY, dir);
        secondary = agent(PeerRole.SECONDARY, dir);
        primary.pairWith(secondary);
    }

    private FakeAgent agent(PeerRole role, Path dir) {
        Path mount = dir.resolve("mount-" + role.keyword());
        String podName = "dhcpd-" + role.keyword() + "-0";
        kubelet.mount(podName, mount);
        FakeAgent agent = new FakeAgent(role, mount, TOKEN, restarts);
        client.pods().resource(pod(podName, role, agent.port())).create();
        return agent;
    }

    FakeAgent agent(PeerRole role) {
        return role == PeerRole.PRIMARY ? primary : secondary;
    }

    static Pod pod(String name, PeerRole role, int agentPort) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("app.kubernetes.io/name", "dhcpd")
                .addToLabels("netbox-dhcpd.npflan.dk/role", role.keyword())
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("dhcpd")
                .addNewPort()
                .withName("agent")
                .withContainerPort(agentPort)
                .endPort()
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withPodIP("127.0.0.1")
                .endStatus()
                .build();
    }

    RolloutKubernetesSettings settings(Map<String, String> overrides) {
        return settings(tokenFile, overrides);
    }

    static RolloutKubernetesSettings settings(Path tokenFile, Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>();
        String prefix = "netbox-dhcpd.rollout.kubernetes.";
        if (tokenFile != null) {
            properties.put(prefix + "agent.token-file", tokenFile.toString());
        }
        properties.put(prefix + "publish.backoff", "PT0.01S");
        properties.put(prefix + "publish.max-backoff", "PT0.05S");
        properties.put(prefix + "lease.lease-duration", "PT3S");
        properties.put(prefix + "lease.renew-deadline", "PT2S");
        properties.put(prefix + "lease.retry-period", "PT0.5S");
        properties.put(prefix + "rollout-restart.poll-interval", "PT0.05S");
        overrides.forEach((key, value) -> properties.put(prefix + key, value));
        return CommandConfiguration.load(properties, RolloutKubernetesSettings.class)
                .getConfigMapping(RolloutKubernetesSettings.class);
    }

    /**
     * Roller timings for tests: quick polls, and the fake agents have no probe cache to outlast.
     */
    static RolloutSettings rolloutSettings(Duration propagationDeadline) {
        return CommandConfiguration.load(
                        Map.of(
                                "netbox-dhcpd.rollout.propagation-deadline",
                                propagationDeadline.toString(),
                                "netbox-dhcpd.rollout.restart-deadline",
                                "PT15S",
                                "netbox-dhcpd.rollout.poll-interval",
                                "PT0.05S",
                                "netbox-dhcpd.rollout.lock-wait",
                                "PT5S",
                                "netbox-dhcpd.rollout.gate-stable-for",
                                "PT0.2S"),
                        RolloutSettings.class)
                .getConfigMapping(RolloutSettings.class);
    }

    @Override
    public void close() {
        kubelet.close();
        primary.close();
        secondary.close();
    }
}
