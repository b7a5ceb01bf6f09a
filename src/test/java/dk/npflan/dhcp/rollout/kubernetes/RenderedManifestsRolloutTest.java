package dk.npflan.dhcp.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.deploy.RenderedManifests;
import dk.npflan.dhcp.omapi.FailoverState;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.PublishedBundle;
import dk.npflan.dhcp.rollout.Roller;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutSettings;
import dk.npflan.dhcp.rollout.RolloutStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, acceptance 2: what {@code kubectl kustomize deploy/overlays/lab} renders (the minimal
 * install plus the lab Secrets), created on the mock API server, is what the Kubernetes target
 * expects with its default settings. A tiny Deployment controller makes one running pod per dhcpd
 * Deployment from its template, with a fake agent reached where the template says the agent
 * listens; the simulated kubelet projects the ConfigMap the template mounts into the directory the
 * agent reads (its {@code NETBOX_DHCPD_AGENT_CONFIG_DIR}); both sides read the agent token from the
 * Secret the manifests mount. After a first publish (which the agents start on), the roller rolls a
 * change through the pair, secondary before primary.
 */
@EnableKubernetesMockClient(crud = true)
@Tag("slow")
class RenderedManifestsRolloutTest {

    private static final String OVERLAY = "lab";
    private static final String LISTENER = "netbox-dhcpd";

    KubernetesMockServer server;
    KubernetesClient mockClient;

    @TempDir Path dir;

    private RenderedManifests render;
    private RolloutKubernetesSettings defaults;
    private KubernetesClient client;
    private String namespace;
    private SimulatedKubelet kubelet;
    private final List<FakeAgent> agents = new ArrayList<>();
    private final List<FakeAgent.Restart> restarts = FakeAgent.newLog();
    private final Map<PeerRole, FakeAgent> byRole = new EnumMap<>(PeerRole.class);

    @BeforeEach
    void applyTheRender() throws Exception {
        render = RenderedManifests.render(OVERLAY);
        defaults =
                CommandConfiguration.load(Map.of(), RolloutKubernetesSettings.class)
                        .getConfigMapping(RolloutKubernetesSettings.class);
        Deployment listener = render.find(Deployment.class, LISTENER).orElseThrow();
        namespace = listener.getMetadata().getNamespace();
        // in a pod, the client's namespace is the pod's own (the service account's namespace file)
        client =
                new KubernetesClientBuilder()
                        .withConfig(
                                new ConfigBuilder(mockClient.getConfiguration())
                                        .withNamespace(namespace)
                                        .build())
                        .build();
        for (HasMetadata object : render.objects()) {
            client.resource(object).create();
        }
    }

    @AfterEach
    void stop() {
        if (kubelet != null) {
            kubelet.close();
        }
        agents.forEach(FakeAgent::close);
        if (client != null) {
            client.close();
        }
    }

    @Test
    void installedFromTheRender_aChangeRollsOutSecondaryBeforePrimary_onBothPeers()
            throws Exception {
        String token = agentTokenSharedByListenerAndAgents();
        KubernetesTarget target = new KubernetesTarget(client, listenerSettings(token), 3);
        // first install: the listener publishes, the agents (waiting for the optional ConfigMap
        // volume) start dhcpd on what their pods mount
        RenderedConfig first = TestBundles.small("first install");
        target.publish(first, metadata());
        startDhcpdPods(token);
        assertThat(byRole.get(PeerRole.PRIMARY).runningHash()).isEqualTo(first.sha256());
        assertThat(byRole.get(PeerRole.SECONDARY).runningHash()).isEqualTo(first.sha256());
        Roller roller = roller(target);

        RenderedConfig next = TestBundles.small("adds a subnet");
        RolloutReport change = roller.roll(next, metadata());

        assertThat(change.status()).as(change.summary()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(restarts)
                .extracting(FakeAgent.Restart::role)
                .containsExactly(PeerRole.SECONDARY, PeerRole.PRIMARY);
        // when the primary was restarted, the secondary had come back to normal
        assertThat(restarts.get(1).otherLocalState()).contains(FailoverState.NORMAL);
        assertThat(byRole.get(PeerRole.PRIMARY).runningHash()).isEqualTo(next.sha256());
        assertThat(byRole.get(PeerRole.SECONDARY).runningHash()).isEqualTo(next.sha256());
        assertThat(target.published()).map(PublishedBundle::hash).contains(next.sha256());
        // the objects the code wrote carry the names its defaults give them
        ConfigMap published = client.configMaps().withName(defaults.configMap()).get();
        assertThat(published.getMetadata().getAnnotations())
                .containsEntry(RolloutAnnotations.CONFIG_HASH, next.sha256());
        assertThat(client.configMaps().withName(defaults.historyConfigMap()).get()).isNotNull();
        assertThat(client.resources(Lease.class).withName(defaults.lease().name()).get())
                .isNotNull();
    }

    @Test
    void roleGrantsTheObjectsTheTargetWritesByTheirDefaultNames() {
        Role role = render.find(Role.class, LISTENER).orElseThrow();
        assertThat(grants(rule(role, "", "configmaps"), defaults.configMap()))
                .as("configmaps rule covers " + defaults.configMap())
                .isTrue();
        assertThat(grants(rule(role, "", "configmaps"), defaults.historyConfigMap()))
                .as("configmaps rule covers " + defaults.historyConfigMap())
                .isTrue();
        assertThat(grants(rule(role, "coordination.k8s.io", "leases"), defaults.lease().name()))
                .as("leases rule covers " + defaults.lease().name())
                .isTrue();
        assertThat(rule(role, "", "pods").getVerbs()).contains("list", "patch");
    }

    /** A rule without resourceNames covers every object of its resources. */
    private static boolean grants(PolicyRule rule, String name) {
        List<String> names = rule.getResourceNames();
        return names == null || names.isEmpty() || names.contains(name);
    }

    private static PolicyRule rule(Role role, String group, String resource) {
        return role.getRules().stream()
                .filter(
                        r ->
                                r.getApiGroups().contains(group)
                                        && r.getResources().contains(resource))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no rule for " + resource));
    }

    /**
     * The token file the listener is configured with lies in its mount of the same Secret (and key)
     * the agents read theirs from; returns that Secret's value.
     */
    private String agentTokenSharedByListenerAndAgents() {
        Deployment listener = render.find(Deployment.class, LISTENER).orElseThrow();
        PodSpec listenerPod = listener.getSpec().getTemplate().getSpec();
        String settingsMap =
                listenerPod.getContainers().get(0).getEnvFrom().get(0).getConfigMapRef().getName();
        String listenerTokenFile =
                render.find(ConfigMap.class, settingsMap)
                        .orElseThrow()
                        .getData()
                        .get("NETBOX_DHCPD_ROLLOUT_KUBERNETES_AGENT_TOKEN_FILE");
        SecretFile listenerSide = secretFile(listenerPod, listenerTokenFile);
        List<SecretFile> agentSides = new ArrayList<>();
        for (Deployment peer : dhcpdDeployments()) {
            PodSpec pod = peer.getSpec().getTemplate().getSpec();
            agentSides.add(secretFile(pod, env(pod, "NETBOX_DHCPD_AGENT_TOKEN_FILE")));
        }
        assertThat(agentSides).hasSize(2).containsOnly(listenerSide);
        Secret secret = render.find(Secret.class, listenerSide.secret()).orElseThrow();
        String value =
                secret.getStringData() != null
                                && secret.getStringData().containsKey(listenerSide.key())
                        ? secret.getStringData().get(listenerSide.key())
                        : new String(
                                Base64.getDecoder()
                                        .decode(secret.getData().get(listenerSide.key())),
                                StandardCharsets.UTF_8);
        assertThat(value).isNotBlank();
        return value.strip();
    }

    private record SecretFile(String secret, String key) {}

    private static SecretFile secretFile(PodSpec pod, String file) {
        Path path = Path.of(file);
        VolumeMount mount = mountOf(pod, path.getParent().toString());
        Volume volume = volume(pod, mount.getName());
        assertThat(volume.getSecret()).as(file + " comes from a Secret").isNotNull();
        return new SecretFile(volume.getSecret().getSecretName(), path.getFileName().toString());
    }

    private List<Deployment> dhcpdDeployments() {
        Map<String, String> selector = DhcpdPodLocator.parseSelector(defaults.pods().selector());
        List<Deployment> peers =
                render.all(Deployment.class).stream()
                        .filter(
                                d ->
                                        d.getSpec()
                                                .getTemplate()
                                                .getMetadata()
                                                .getLabels()
                                                .entrySet()
                                                .containsAll(selector.entrySet()))
                        .toList();
        assertThat(peers)
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        defaults.rolloutRestart().primaryDeployment(),
                        defaults.rolloutRestart().secondaryDeployment());
        return peers;
    }

    /**
     * The Deployment controller and kubelet of this test: per dhcpd Deployment one running pod from
     * its template, its agent (role from the env the real agent reads) reached on loopback where
     * the template says the agent listens, and its config directory fed from the ConfigMap it
     * mounts.
     */
    private void startDhcpdPods(String token) {
        List<Deployment> peers = dhcpdDeployments();
        String configMap = null;
        for (Deployment peer : peers) {
            PodSpec spec = peer.getSpec().getTemplate().getSpec();
            VolumeMount mount = mountOf(spec, env(spec, "NETBOX_DHCPD_AGENT_CONFIG_DIR"));
            Volume volume = volume(spec, mount.getName());
            assertThat(mount.getSubPath()).isNull();
            assertThat(volume.getConfigMap()).as("config volume is a ConfigMap").isNotNull();
            configMap = volume.getConfigMap().getName();
        }
        assertThat(configMap).isEqualTo(defaults.configMap());
        kubelet =
                new SimulatedKubelet(
                        client,
                        namespace,
                        configMap,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(30));
        for (Deployment peer : peers) {
            PodSpec spec = peer.getSpec().getTemplate().getSpec();
            PeerRole role =
                    PeerRole.valueOf(env(spec, "NETBOX_DHCPD_AGENT_ROLE").toUpperCase(Locale.ROOT));
            assertThat(peer.getSpec().getTemplate().getMetadata().getLabels())
                    .containsEntry(defaults.pods().roleLabel(), role.keyword());
            String podName = peer.getMetadata().getName() + "-7d9c5";
            Path mountDir = dir.resolve(podName);
            kubelet.mount(podName, mountDir);
            FakeAgent agent = new FakeAgent(role, mountDir, token, restarts);
            agents.add(agent);
            byRole.put(role, agent);
            client.pods().resource(pod(peer, podName, agent.port())).create();
        }
        byRole.get(PeerRole.PRIMARY).pairWith(byRole.get(PeerRole.SECONDARY));
    }

    /**
     * The template as a running pod; its loopback "pod IP" reaches the fake agent at {@code
     * agentPort} where the pod would listen on the agent's port (8067, the default of both the
     * agent and the target).
     */
    private Pod pod(Deployment deployment, String name, int agentPort) {
        PodSpec spec = deployment.getSpec().getTemplate().getSpec();
        List<Container> containers = new ArrayList<>();
        for (Container container : spec.getContainers()) {
            List<ContainerPort> ports = new ArrayList<>();
            for (ContainerPort port : container.getPorts()) {
                ports.add(
                        port.getContainerPort() == defaults.agent().port()
                                ? new ContainerPortBuilder(port)
                                        .withContainerPort(agentPort)
                                        .build()
                                : port);
            }
            containers.add(new ContainerBuilder(container).withPorts(ports).build());
        }
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .endMetadata()
                .withSpec(new PodSpecBuilder(spec).withContainers(containers).build())
                .withNewStatus()
                .withPhase("Running")
                .withPodIP("127.0.0.1")
                .endStatus()
                .build();
    }

    private RolloutKubernetesSettings listenerSettings(String token) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("listener-agent-token"), token + "\n");
        return CommandConfiguration.load(
                        Map.of(
                                "netbox-dhcpd.rollout.kubernetes.agent.token-file",
                                tokenFile.toString()),
                        RolloutKubernetesSettings.class)
                .getConfigMapping(RolloutKubernetesSettings.class);
    }

    private Roller roller(KubernetesTarget target) {
        RolloutKubernetesSettings settings = defaults;
        LeaseRolloutLock lock = new LeaseRolloutLock(client, namespace, settings.lease());
        RolloutSettings rollout = DhcpdPair.rolloutSettings(Duration.ofSeconds(10));
        return new Roller(target, lock, record -> {}, rollout);
    }

    private static PublishMetadata metadata() {
        return new PublishMetadata(Instant.parse("2026-12-01T08:00:00Z"), List.of("req-11"));
    }

    private static String env(PodSpec pod, String name) {
        return pod.getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static VolumeMount mountOf(PodSpec pod, String path) {
        return pod.getContainers().get(0).getVolumeMounts().stream()
                .filter(m -> Path.of(m.getMountPath()).equals(Path.of(path)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + path));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream()
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }
}
