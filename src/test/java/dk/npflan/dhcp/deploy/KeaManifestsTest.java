package dk.npflan.dhcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.kea.KeaSettings;
import dk.npflan.dhcp.rollout.kubernetes.RolloutKubernetesSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kea pair as {@code kubectl kustomize} renders it (deploy/components/kea), on every overlay
 * under deploy/overlays whose peers run Kea (an operator's own copy there included) and on the
 * component added to the seed's install. What no mock API server can check: that each HA peer URL,
 * which Kea 2.2 takes only with an IPv4 address, is exactly its Service's fixed clusterIP and port
 * and reaches exactly that role's kea-ctrl-agent; that listener and agents agree on the backend;
 * and that every path Kea writes is a volume of the right kind in a read-only pod.
 */
@Tag("slow")
class KeaManifestsTest {

    private static final String LISTENER = "netbox-dhcpd";
    private static final String ROLE_LABEL = "netbox-dhcpd.npflan.dk/role";
    private static final String KEA_IMAGE = "netbox-dhcpd-kea";
    private static final Pattern IPV4 =
            Pattern.compile(
                    "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private static final Map<String, RenderedManifests> RENDERS = new ConcurrentHashMap<>();

    /** Every render with a Kea pair: the overlays that run one, and the component on the seed. */
    static Stream<String> keaRenders() throws Exception {
        List<String> names = new ArrayList<>();
        for (String overlay : RenderedManifests.overlays()) {
            if (render(overlay).runsKea()) {
                names.add(overlay);
            }
        }
        names.add("npflan + kea");
        names.add("kea-lab + expose-loadbalancer");
        return names.stream();
    }

    /**
     * The seed's install switched to Kea as docs/operations.md tells an operator to: the component
     * and both peer URLs (two more addresses of its Service range) where its namespace is set.
     */
    static RenderedManifests seedWithKea() throws Exception {
        return RenderedManifests.renderWithSettings(
                "npflan",
                """
                configMapGenerator:
                  - name: netbox-dhcpd-server-identity
                    namespace: dhcp
                    behavior: merge
                    literals:
                      - NETBOX_DHCPD_KEA_PEERS_PRIMARY_URL=http://10.96.6.11:8000/
                      - NETBOX_DHCPD_KEA_PEERS_SECONDARY_URL=http://10.96.6.12:8000/
                """,
                "kea");
    }

    private static RenderedManifests render(String name) {
        return RENDERS.computeIfAbsent(
                name,
                n -> {
                    try {
                        String[] parts = n.split(" \\+ ");
                        if (n.equals("npflan + kea")) {
                            return seedWithKea();
                        }
                        return parts.length == 1
                                ? RenderedManifests.render(n)
                                : RenderedManifests.renderWith(
                                        parts[0], Arrays.copyOfRange(parts, 1, parts.length));
                    } catch (Exception e) {
                        throw new IllegalStateException(n, e);
                    }
                });
    }

    @Test
    void keaLab_runsTheKeaPair_theMinimalInstallStillRunsDhcpd() {
        assertThat(render("kea-lab").runsKea()).isTrue();
        assertThat(render("minimal").runsKea()).isFalse();
        assertThat(render("npflan + kea").runsKea()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("keaRenders")
    void haPeerUrl_isItsServicesFixedClusterIpAndPort_whoseSelectorPicksExactlyThatRolesAgent(
            String name) {
        RenderedManifests render = render(name);
        for (PeerRole role : PeerRole.values()) {
            String where = name + " " + role;
            String key = "NETBOX_DHCPD_KEA_PEERS_" + role.name() + "_URL";
            // the listener renders the URL into both files; the agents read the same ConfigMap
            List<String> urls =
                    Stream.concat(Stream.of(listener(render)), peers(render).stream())
                            .map(d -> environment(render, d).get(key))
                            .distinct()
                            .toList();
            assertThat(urls).as(where + " " + key).singleElement().isNotNull();
            URI url = URI.create(urls.get(0));
            assertThat(url.getScheme()).as(where).isEqualTo("http");
            assertThat(url.getHost()).as(where + ": Kea 2.2 refuses host names").matches(IPV4);
            assertThat(url.getPort()).as(where + ": explicit port").isPositive();
            assertThat(url.getPath()).as(where).isEqualTo("/");

            List<Service> services =
                    render.all(Service.class).stream()
                            .filter(s -> url.getHost().equals(s.getSpec().getClusterIP()))
                            .toList();
            assertThat(services).as(where + " Service with clusterIP " + url.getHost()).hasSize(1);
            Service service = services.get(0);
            assertThat(service.getSpec().getType()).as(where).isIn(null, "ClusterIP");
            assertThat(service.getSpec().getExternalIPs()).as(where).isNullOrEmpty();
            // a peer syncing with its partner is not ready, and gets there only through this
            assertThat(service.getSpec().getPublishNotReadyAddresses()).as(where).isTrue();
            ServicePort port =
                    service.getSpec().getPorts().stream()
                            .filter(p -> p.getPort() == url.getPort())
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(where + ": no port " + url));
            assertThat(port.getProtocol()).isEqualTo("TCP");

            List<Deployment> selected =
                    render.all(Deployment.class).stream().filter(d -> selects(service, d)).toList();
            assertThat(selected).as(where + " pods behind " + url).hasSize(1);
            Deployment peer = selected.get(0);
            assertThat(peer.getSpec().getTemplate().getMetadata().getLabels())
                    .as(where)
                    .containsEntry(ROLE_LABEL, role.name().toLowerCase(Locale.ROOT));
            Container agent = agent(peer);
            ContainerPort target = containerPort(agent, port.getTargetPort());
            assertThat(target.getProtocol()).as(where).isEqualTo("TCP");
            // the agent starts kea-ctrl-agent on its own URL's port, on every address of the pod
            // (the clusterIP is not the pod's): the Service must send there
            assertThat(target.getContainerPort())
                    .as(where + " targetPort")
                    .isEqualTo(url.getPort());
            assertThat(environment(render, peer))
                    .as(where)
                    .containsEntry("NETBOX_DHCPD_KEA_CONTROL_AGENT_HTTP_HOST", "0.0.0.0");
        }
        List<String> addresses =
                Stream.of(PeerRole.values())
                        .map(
                                r ->
                                        environment(render, listener(render))
                                                .get("NETBOX_DHCPD_KEA_PEERS_" + r.name() + "_URL"))
                        .toList();
        assertThat(addresses).as(name + ": one Service per role").doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("keaRenders")
    void backend_isKeaForTheListenerThatRendersAndBothAgentsThatRunIt(String name) {
        RenderedManifests render = render(name);
        List<Deployment> all = new ArrayList<>(peers(render));
        all.add(listener(render));
        for (Deployment deployment : all) {
            assertThat(environment(render, deployment))
                    .as(name + " " + deployment.getMetadata().getName())
                    .containsEntry(ImageContract.BACKEND_VARIABLE, ImageContract.KEA);
        }
    }

    @ParameterizedTest
    @MethodSource("keaRenders")
    void keaPeers_keaImage_leasesOnOwnClaim_runDirInMemory_bundleMounted_probesOnTheAgent(
            String name) throws Exception {
        RenderedManifests render = render(name);
        RolloutKubernetesSettings rollout =
                CommandConfiguration.load(
                                environment(render, listener(render)),
                                Map.of(),
                                RolloutKubernetesSettings.class)
                        .getConfigMapping(RolloutKubernetesSettings.class);
        List<String> claims = new ArrayList<>();
        for (Deployment peer : peers(render)) {
            String where = name + " " + peer.getMetadata().getName();
            PodSpec pod = peer.getSpec().getTemplate().getSpec();
            Container agent = agent(peer);
            Map<String, String> env = environment(render, peer);
            KeaSettings kea =
                    CommandConfiguration.load(env, Map.of(), KeaSettings.class)
                            .getConfigMapping(KeaSettings.class);

            assertThat(imageName(agent.getImage())).as(where).isEqualTo(KEA_IMAGE);
            assertThat(agent.getArgs()).containsExactly("agent");
            assertThat(agent.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();

            Volume leases = writableVolumeAt(pod, agent, parent(kea.leaseFile().path()), where);
            assertThat(leases.getPersistentVolumeClaim()).as(where + " lease file").isNotNull();
            String claim = leases.getPersistentVolumeClaim().getClaimName();
            claims.add(claim);
            PersistentVolumeClaim pvc =
                    render.find(PersistentVolumeClaim.class, claim)
                            .orElseThrow(() -> new AssertionError(where + ": no claim " + claim));
            assertThat(pvc.getMetadata().getAnnotations())
                    .containsEntry("argocd.argoproj.io/sync-options", "Prune=false,Delete=false");
            for (String runtime : List.of(parent(kea.controlSocket()), kea.server().runDir())) {
                Volume run = writableVolumeAt(pod, agent, runtime, where);
                assertThat(run.getEmptyDir()).as(where + " " + runtime).isNotNull();
            }
            assertThat(writableVolumeAt(pod, agent, "/tmp", where).getEmptyDir()).isNotNull();

            String configDir = env.get("NETBOX_DHCPD_AGENT_CONFIG_DIR");
            VolumeMount bundle = mountAt(agent, configDir, where);
            assertThat(bundle.getReadOnly()).isTrue();
            assertThat(bundle.getSubPath()).as("a subPath mount never updates").isNullOrEmpty();
            Volume config = PodSpecs.volume(pod, bundle.getName());
            assertThat(config.getConfigMap().getName()).isEqualTo(rollout.configMap());
            assertThat(config.getConfigMap().getOptional()).isTrue();

            ContainerPort api = containerPort(agent, new IntOrString(rollout.agent().portName()));
            assertThat(api.getContainerPort()).isEqualTo(rollout.agent().port());
            assertThat(agent.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
            assertThat(agent.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/live");
            for (var probe : List.of(agent.getReadinessProbe(), agent.getLivenessProbe())) {
                assertThat(containerPort(agent, probe.getHttpGet().getPort()).getContainerPort())
                        .as(where + " probe port")
                        .isEqualTo(rollout.agent().port());
            }

            // Kea has no failover port and no OMAPI: neither a port nor a key reaches the pod
            assertThat(agent.getPorts())
                    .extracting(p -> p.getContainerPort() + "/" + p.getProtocol())
                    .containsExactlyInAnyOrder("67/UDP", "8000/TCP", "8067/TCP");
            assertThat(env.keySet())
                    .noneMatch(k -> k.contains("OMAPI") || k.contains("_DHCPD_DHCPD_"));
            assertThat(pod.getVolumes())
                    .noneMatch(
                            v ->
                                    v.getSecret() != null
                                            && v.getSecret().getSecretName().contains("omapi"));
        }
        assertThat(claims)
                .as(name + ": one lease claim per peer")
                .doesNotHaveDuplicates()
                .hasSize(2);
        assertThat(render.all(PersistentVolumeClaim.class))
                .extracting(c -> c.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(claims);
    }

    @ParameterizedTest
    @MethodSource("keaRenders")
    void haPort_isAdmittedOnlyBetweenThePeers_andNoServiceExposesIt(String name) {
        RenderedManifests render = render(name);
        NetworkPolicy pair =
                render.find(NetworkPolicy.class, "dhcpd")
                        .orElseThrow(() -> new AssertionError(name + ": no policy dhcpd"));
        List<NetworkPolicyIngressRule> ha =
                pair.getSpec().getIngress().stream()
                        .filter(
                                rule ->
                                        rule.getPorts().stream()
                                                .anyMatch(p -> p.getPort().getIntVal() == 8000))
                        .toList();
        assertThat(ha).as(name).singleElement();
        assertThat(ha.get(0).getFrom())
                .singleElement()
                .satisfies(
                        from -> {
                            assertThat(from.getIpBlock()).isNull();
                            assertThat(from.getNamespaceSelector()).isNull();
                            assertThat(from.getPodSelector().getMatchLabels())
                                    .isEqualTo(pair.getSpec().getPodSelector().getMatchLabels());
                        });
        assertThat(pair.getSpec().getIngress())
                .flatExtracting(NetworkPolicyIngressRule::getPorts)
                .noneMatch(p -> p.getPort().getIntVal() == 647);
        for (Service service : render.all(Service.class)) {
            boolean ha8000 =
                    service.getSpec().getPorts().stream()
                            .anyMatch(p -> p.getPort() == 8000 || targetsHa(p));
            if (ha8000) {
                assertThat(service.getSpec().getType())
                        .as(name + " " + service.getMetadata().getName())
                        .isIn(null, "ClusterIP");
            }
        }
    }

    private static boolean targetsHa(ServicePort port) {
        IntOrString target = port.getTargetPort();
        return target != null
                && (Objects.equals(target.getStrVal(), "ha")
                        || Objects.equals(target.getIntVal(), 8000));
    }

    private static Deployment listener(RenderedManifests render) {
        return render.find(Deployment.class, LISTENER).orElseThrow();
    }

    private static List<Deployment> peers(RenderedManifests render) {
        List<Deployment> peers = render.dhcpdPeers();
        assertThat(peers).hasSize(2);
        return peers;
    }

    private static Container agent(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> environment(RenderedManifests render, Deployment d) {
        return PodSpecs.environment(render, agent(d));
    }

    private static boolean selects(Service service, Deployment deployment) {
        Map<String, String> selector = service.getSpec().getSelector();
        return selector != null
                && !selector.isEmpty()
                && deployment
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels()
                        .entrySet()
                        .containsAll(selector.entrySet());
    }

    /** The container port a Service's targetPort or a probe's port names (or numbers). */
    private static ContainerPort containerPort(Container container, IntOrString port) {
        return container.getPorts().stream()
                .filter(
                        p ->
                                port.getStrVal() != null
                                        ? port.getStrVal().equals(p.getName())
                                        : port.getIntVal().equals(p.getContainerPort()))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        container.getName() + " declares no port " + port));
    }

    private static VolumeMount mountAt(Container container, String path, String where) {
        return container.getVolumeMounts().stream()
                .filter(m -> Path.of(m.getMountPath()).equals(Path.of(path)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(where + ": nothing mounted at " + path));
    }

    private static Volume writableVolumeAt(
            PodSpec pod, Container container, String path, String where) {
        VolumeMount mount = mountAt(container, path, where);
        assertThat(mount.getReadOnly()).as(where + " " + path).isNotEqualTo(Boolean.TRUE);
        return PodSpecs.volume(pod, mount.getName());
    }

    private static String parent(String file) {
        return Path.of(file).getParent().toString();
    }

    private static String imageName(String image) {
        return image.substring(image.lastIndexOf('/') + 1, image.lastIndexOf(':'));
    }
}
