package dk.npflan.dhcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.InventoryFixture;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.settings.SecretStrength;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a real install needs from the rendered overlays (issue 15): Secrets only from the operator
 * (or the opt-in lab component), Strimzi's names, Pod Security levels, the pair's disruption,
 * priority and Argo CD ordering, network policies, the reconcile token, monitors Prometheus
 * selects, the server identity relays reach, and images of the project version.
 */
@Tag("slow")
class InstallManifestsTest {

    private static final String LAB_COMPONENT = "components/lab-secrets";
    private static final String SEED = "npflan";
    private static final String LISTENER = "netbox-dhcpd";
    private static final Pattern POM_VERSION =
            Pattern.compile("<artifactId>netbox-dhcpd</artifactId>\\s*<version>([^<]+)</version>");

    static Stream<String> overlays() throws Exception {
        return RenderedManifests.overlays().stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void withoutTheLabComponent_noSecretIsRendered_withIt_noneIsAPlaceholderOrShort(String overlay)
            throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        List<Secret> secrets = render.all(Secret.class);

        if (!includesLabSecrets(overlay)) {
            assertThat(secrets).as(overlay).isEmpty();
            return;
        }
        assertThat(secrets).isNotEmpty();
        for (Secret secret : secrets) {
            values(secret)
                    .forEach(
                            (key, value) ->
                                    // the services' own start-up check, so a lab value can never
                                    // be one that serve or agent refuses
                                    assertThat(SecretStrength.of(value))
                                            .as(secret.getMetadata().getName() + "/" + key)
                                            .isEqualTo(SecretStrength.ACCEPTED));
        }
    }

    @Test
    void strimzi_bootstrapTopicsUserAndSecretsNameOneCluster() throws Exception {
        RenderedManifests render = RenderedManifests.render(SEED);
        Map<String, String> settings = listenerEnvironment(render);
        List<GenericKubernetesResource> kafkaObjects =
                render.all(GenericKubernetesResource.class).stream()
                        .filter(o -> o.getApiVersion().startsWith("kafka.strimzi.io/"))
                        .toList();
        assertThat(kafkaObjects)
                .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        "KafkaTopic/netbox.events",
                        "KafkaTopic/dhcp.audit",
                        "KafkaUser/netbox-dhcpd-kafka");
        String cluster = kafkaObjects.get(0).getMetadata().getLabels().get("strimzi.io/cluster");
        String kafkaNamespace = kafkaObjects.get(0).getMetadata().getNamespace();
        for (GenericKubernetesResource object : kafkaObjects) {
            assertThat(object.getMetadata().getLabels())
                    .containsEntry("strimzi.io/cluster", cluster);
            assertThat(object.getMetadata().getNamespace()).isEqualTo(kafkaNamespace);
        }
        // Strimzi's bootstrap Service is <cluster>-kafka-bootstrap; 9093 is its TLS listener
        assertThat(settings)
                .containsEntry(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        cluster + "-kafka-bootstrap." + kafkaNamespace + ".svc:9093")
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        Deployment listener = render.find(Deployment.class, LISTENER).orElseThrow();
        PodSpec pod = listener.getSpec().getTemplate().getSpec();
        EnvVar jaas = PodSpecs.env(pod.getContainers().get(0), "KAFKA_SASL_JAAS_CONFIG");
        assertThat(jaas.getValueFrom().getSecretKeyRef().getName())
                .as("the KafkaUser's Secret is named after it")
                .isEqualTo("netbox-dhcpd-kafka");
        assertThat(jaas.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
        Path truststore = Path.of(settings.get("KAFKA_SSL_TRUSTSTORE_LOCATION"));
        Volume ca =
                PodSpecs.volumeMountedAt(
                        pod, pod.getContainers().get(0), truststore.getParent().toString());
        assertThat(ca.getSecret().getSecretName()).isEqualTo(cluster + "-cluster-ca-cert");
        assertThat(ca.getSecret().getItems())
                .extracting(i -> i.getKey() + "=" + i.getPath())
                .containsExactly("ca.crt=" + truststore.getFileName());
        assertThat(settings).containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void namespace_enforcesPrivilegedForThePair_listenerMeetsRestricted(String overlay)
            throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        Deployment listener = render.find(Deployment.class, LISTENER).orElseThrow();
        Namespace namespace =
                render.find(Namespace.class, listener.getMetadata().getNamespace()).orElseThrow();
        assertThat(namespace.getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "privileged")
                .containsEntry("pod-security.kubernetes.io/audit", "restricted");
        // baseline admits NET_BIND_SERVICE but not NET_RAW, which the pair needs
        for (Deployment peer : peers(render)) {
            assertThat(peer.getSpec().getTemplate().getSpec().getContainers().get(0))
                    .extracting(c -> c.getSecurityContext().getCapabilities().getAdd())
                    .asList()
                    .contains("NET_RAW");
        }
        PodSpec pod = listener.getSpec().getTemplate().getSpec();
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType())
                .isEqualTo("RuntimeDefault");
        for (Container container : pod.getContainers()) {
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop())
                    .containsExactly("ALL");
            assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        }
        for (Volume volume : pod.getVolumes()) {
            assertThat(volume.getHostPath()).as(volume.getName()).isNull();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void pair_budgetOverBothPeers_priorityClass_secondaryInAnEarlierWave_leasesNeverPruned(
            String overlay) throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        List<Deployment> peers = peers(render);
        List<PodDisruptionBudget> covering =
                render.all(PodDisruptionBudget.class).stream()
                        .filter(pdb -> peers.stream().allMatch(p -> selects(pdb, p)))
                        .toList();
        assertThat(covering)
                .singleElement()
                .satisfies(
                        pdb -> {
                            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
                            assertThat(
                                            selects(
                                                    pdb,
                                                    render.find(Deployment.class, LISTENER)
                                                            .orElseThrow()))
                                    .isFalse();
                        });
        Map<String, Integer> waves = new HashMap<>();
        for (Deployment peer : peers) {
            String priority = peer.getSpec().getTemplate().getSpec().getPriorityClassName();
            assertThat(render.find(PriorityClass.class, priority)).as(priority).isPresent();
            waves.put(
                    role(peer),
                    Integer.parseInt(
                            peer.getMetadata()
                                    .getAnnotations()
                                    .get("argocd.argoproj.io/sync-wave")));
        }
        assertThat(waves.get("secondary")).isLessThan(waves.get("primary"));
        assertThat(render.all(PersistentVolumeClaim.class))
                .hasSize(2)
                .allSatisfy(
                        pvc ->
                                assertThat(pvc.getMetadata().getAnnotations())
                                        .containsEntry(
                                                "argocd.argoproj.io/sync-options",
                                                "Prune=false,Delete=false"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void networkPolicies_admitExactlyTheDocumentedFlows(String overlay) throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        Set<String> flows = new TreeSet<>();
        for (NetworkPolicy policy : render.all(NetworkPolicy.class)) {
            String pods = selector(policy.getSpec().getPodSelector());
            for (var rule : policy.getSpec().getIngress()) {
                for (String port : ports(rule.getPorts())) {
                    for (NetworkPolicyPeer from : rule.getFrom()) {
                        flows.add("in " + pods + " " + port + " from " + peer(from));
                    }
                }
            }
            if (policy.getSpec().getPolicyTypes().contains("Egress")) {
                for (var rule : policy.getSpec().getEgress()) {
                    for (String port : ports(rule.getPorts())) {
                        for (NetworkPolicyPeer to : rule.getTo()) {
                            flows.add("out " + pods + " " + port + " to " + peer(to));
                        }
                    }
                }
            }
        }
        String dhcpd = "app.kubernetes.io/name=dhcpd";
        String listener = "app.kubernetes.io/name=netbox-dhcpd";
        String prometheus =
                "ns kubernetes.io/metadata.name=monitoring pods app.kubernetes.io/name=prometheus";
        assertThat(flows)
                .containsExactlyInAnyOrder(
                        "in " + dhcpd + " UDP/67 from 10.0.0.0/8",
                        "in " + dhcpd + " UDP/67 from 172.16.0.0/12",
                        "in " + dhcpd + " UDP/67 from 192.168.0.0/16",
                        // dhcpd's failover link, or the Kea HA hook's kea-ctrl-agent
                        "in "
                                + dhcpd
                                + (render.runsKea() ? " TCP/8000" : " TCP/647")
                                + " from pods "
                                + dhcpd,
                        "in " + dhcpd + " TCP/8067 from pods " + listener,
                        "in " + dhcpd + " TCP/8067 from " + prometheus,
                        "in "
                                + listener
                                + " TCP/8080 from ns kubernetes.io/metadata.name=ingress-nginx",
                        "in " + listener + " TCP/8080 from " + prometheus,
                        "out " + listener + " TCP/443 to 0.0.0.0/0",
                        "out " + listener + " TCP/6443 to 0.0.0.0/0",
                        "out " + listener + " TCP/9092 to ns kubernetes.io/metadata.name=kafka",
                        "out " + listener + " TCP/9093 to ns kubernetes.io/metadata.name=kafka",
                        "out " + listener + " TCP/8067 to pods " + dhcpd,
                        "out "
                                + listener
                                + " UDP/53 to ns kubernetes.io/metadata.name=kube-system pods k8s-app=kube-dns",
                        "out "
                                + listener
                                + " TCP/53 to ns kubernetes.io/metadata.name=kube-system pods k8s-app=kube-dns");
        // the dhcpd peers' egress stays open (DNS for the partner's name, the failover link out)
        assertThat(render.all(NetworkPolicy.class))
                .filteredOn(p -> selector(p.getSpec().getPodSelector()).equals(dhcpd))
                .singleElement()
                .satisfies(
                        p -> assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void reconcileToken_isTheListenersSettingFromASecret(String overlay) throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        Container listener =
                render.find(Deployment.class, LISTENER)
                        .orElseThrow()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0);

        EnvVar token = PodSpecs.env(listener, reconcileTokenVariable());

        assertThat(token.getValue()).isNull();
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("netbox-dhcpd");
        assertThat(InstallSecrets.documented().get("netbox-dhcpd"))
                .contains(token.getValueFrom().getSecretKeyRef().getKey());
    }

    @Test
    void monitors_carryTheReleaseLabelPatchPoint_dashboardHasSidecarLabelAndNamespace()
            throws Exception {
        RenderedManifests render = RenderedManifests.render(SEED);
        String namespace =
                render.find(Deployment.class, LISTENER).orElseThrow().getMetadata().getNamespace();
        List<GenericKubernetesResource> monitoring =
                render.all(GenericKubernetesResource.class).stream()
                        .filter(o -> o.getApiVersion().startsWith("monitoring.coreos.com/"))
                        .toList();

        assertThat(monitoring)
                .extracting(GenericKubernetesResource::getKind)
                .containsExactlyInAnyOrder("ServiceMonitor", "PodMonitor", "PrometheusRule");
        assertThat(monitoring)
                .allSatisfy(
                        o -> {
                            assertThat(o.getMetadata().getLabels())
                                    .containsEntry("release", "kube-prometheus-stack");
                            assertThat(o.getMetadata().getNamespace()).isEqualTo(namespace);
                        });
        ConfigMap dashboard =
                render.all(ConfigMap.class).stream()
                        .filter(c -> c.getMetadata().getName().startsWith("netbox-dhcpd-dashboard"))
                        .findFirst()
                        .orElseThrow();
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo(namespace);
    }

    @Test
    void serverIdentifier_renderedPerRole_isThatRolesServiceIp_andWhatItsAgentExpects()
            throws Exception {
        RenderedManifests render = RenderedManifests.render(SEED);
        Map<String, String> listenerEnv = listenerEnvironment(render);
        DhcpdSettings settings =
                CommandConfiguration.load(listenerEnv, Map.of(), DhcpdSettings.class)
                        .getConfigMapping(DhcpdSettings.class);

        RenderedConfig rendered = InventoryFixture.build("seed-npflan.json", settings).rendered();

        for (Deployment peer : peers(render)) {
            PeerRole role = PeerRole.valueOf(role(peer).toUpperCase(java.util.Locale.ROOT));
            String serviceIp =
                    render.find(Service.class, "dhcp-" + role.keyword())
                            .orElseThrow()
                            .getSpec()
                            .getClusterIP();
            assertThat(serviceIp).as(role.keyword()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(rendered.files().get(role.fileName()))
                    .contains("server-identifier " + serviceIp + ";");
            // the agent loads the same setting, so its probe expects that address in option 54
            DhcpdSettings agentSide =
                    CommandConfiguration.load(
                                    environment(render, peer.getSpec().getTemplate().getSpec()),
                                    Map.of(),
                                    DhcpdSettings.class)
                            .getConfigMapping(DhcpdSettings.class);
            assertThat(agentSide.failover().of(role).serverIdentifier()).hasValue(serviceIp);
        }
    }

    @Test
    void exposeLoadBalancer_makesEachRolesDhcpServiceALoadBalancerKeepingTheRelaysAddress()
            throws Exception {
        RenderedManifests render = RenderedManifests.renderWith("minimal", "expose-loadbalancer");

        for (Deployment peer : peers(render)) {
            Service dhcp = render.find(Service.class, "dhcp-" + role(peer)).orElseThrow();
            assertThat(dhcp.getSpec().getType()).isEqualTo("LoadBalancer");
            assertThat(dhcp.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
            assertThat(peer.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(dhcp.getSpec().getSelector());
            assertThat(dhcp.getSpec().getPorts())
                    .extracting(p -> p.getPort() + "/" + p.getProtocol())
                    .containsExactly("67/UDP");
        }
        assertThat(render.find(Service.class, "netbox-dhcpd").orElseThrow().getSpec().getType())
                .isNull();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyImageTag_isTheProjectVersion(String overlay) throws Exception {
        Matcher version = POM_VERSION.matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).isTrue();
        RenderedManifests render = RenderedManifests.render(overlay);

        List<String> images = new ArrayList<>();
        for (Deployment deployment : render.all(Deployment.class)) {
            deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                    .map(Container::getImage)
                    .forEach(images::add);
        }

        assertThat(images)
                .hasSize(3)
                .allSatisfy(image -> assertThat(image).endsWith(":" + version.group(1)));
        assertThat(images)
                .extracting(i -> i.substring(i.lastIndexOf('/') + 1, i.lastIndexOf(':')))
                .containsOnly(
                        "netbox-dhcpd",
                        render.runsKea() ? "netbox-dhcpd-kea" : "netbox-dhcpd-dhcpd");
    }

    /**
     * The variable application.properties reads the token from ({@code
     * netbox-dhcpd.pipeline.reconcile-token=${NETBOX_DHCPD_RECONCILE_TOKEN:}}).
     */
    private static String reconcileTokenVariable() throws Exception {
        Matcher m =
                Pattern.compile("(?m)^netbox-dhcpd\\.pipeline\\.reconcile-token=\\$\\{(\\w+):")
                        .matcher(
                                Files.readString(
                                        Path.of("src/main/resources/application.properties")));
        assertThat(m.find()).as("reconcile-token in application.properties").isTrue();
        return m.group(1);
    }

    private static boolean includesLabSecrets(String overlay) throws Exception {
        try (Stream<Path> files = Files.walk(RenderedManifests.OVERLAYS.resolve(overlay))) {
            return files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .anyMatch(
                            f -> {
                                try {
                                    return Files.readString(f).contains(LAB_COMPONENT);
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            });
        }
    }

    private static Map<String, String> values(Secret secret) {
        Map<String, String> values = new HashMap<>();
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        if (secret.getData() != null) {
            secret.getData()
                    .forEach(
                            (k, v) ->
                                    values.put(
                                            k,
                                            new String(
                                                    Base64.getDecoder().decode(v),
                                                    StandardCharsets.UTF_8)));
        }
        return values;
    }

    private static List<Deployment> peers(RenderedManifests render) {
        List<Deployment> peers = render.dhcpdPeers();
        assertThat(peers).hasSize(2);
        return peers;
    }

    private static String role(Deployment peer) {
        return peer.getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels()
                .get("netbox-dhcpd.npflan.dk/role");
    }

    private static boolean selects(PodDisruptionBudget pdb, Deployment deployment) {
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        return labels.entrySet()
                .containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet());
    }

    /** The listener's environment from its ConfigMaps (envFrom), as the process sees it. */
    private static Map<String, String> listenerEnvironment(RenderedManifests render) {
        return environment(
                render,
                render.find(Deployment.class, LISTENER)
                        .orElseThrow()
                        .getSpec()
                        .getTemplate()
                        .getSpec());
    }

    private static Map<String, String> environment(RenderedManifests render, PodSpec pod) {
        return PodSpecs.environment(render, pod.getContainers().get(0));
    }

    private static List<String> ports(List<NetworkPolicyPort> ports) {
        return ports.stream().map(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).toList();
    }

    private static String peer(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            assertThat(peer.getIpBlock().getExcept()).isNullOrEmpty();
            return peer.getIpBlock().getCidr();
        }
        List<String> parts = new ArrayList<>();
        if (peer.getNamespaceSelector() != null) {
            parts.add("ns " + selector(peer.getNamespaceSelector()));
        }
        if (peer.getPodSelector() != null) {
            parts.add("pods " + selector(peer.getPodSelector()));
        }
        return String.join(" ", parts);
    }

    private static String selector(LabelSelector selector) {
        assertThat(selector.getMatchExpressions()).isNullOrEmpty();
        return String.join(
                ",",
                new TreeSet<>(
                        selector.getMatchLabels().entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .toList()));
    }
}
