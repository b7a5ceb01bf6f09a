package dk.npflan.dhcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invariants an operator relies on, checked on every overlay as {@code kubectl kustomize}
 * renders it: the dhcpd pair can neither lose its lease file nor its failover link on a restart,
 * config updates reach the pods, every reference resolves, and nobody gets more rights or
 * capabilities than the rollout and dhcpd need.
 */
@Tag("slow")
class DeployManifestsTest {

    private static final String DHCPD_APP = "dhcpd";
    private static final String ROLE_LABEL = "netbox-dhcpd.npflan.dk/role";

    /** Published by the listener at its first rollout, so absent from the render by design. */
    private static final String PUBLISHED_CONFIG_MAP = "dhcpd-config";

    static Stream<String> overlays() throws Exception {
        return RenderedManifests.overlays().stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void dhcpdPeers_recreateOnePodPerRoleOnSeparateNodes(String overlay) throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        List<Deployment> peers = render.dhcpdPeers();
        assertThat(peers)
                .extracting(
                        d -> d.getSpec().getTemplate().getMetadata().getLabels().get(ROLE_LABEL))
                .containsExactlyInAnyOrder("primary", "secondary");
        for (Deployment peer : peers) {
            assertThat(peer.getSpec().getReplicas()).isEqualTo(1);
            assertThat(peer.getSpec().getStrategy().getType()).isEqualTo("Recreate");
            PodSpec pod = peer.getSpec().getTemplate().getSpec();
            var terms =
                    pod.getAffinity()
                            .getPodAntiAffinity()
                            .getRequiredDuringSchedulingIgnoredDuringExecution();
            assertThat(terms).hasSize(1);
            assertThat(terms.get(0).getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            // the term must match the *other* peer too, not only pods of its own role
            assertThat(terms.get(0).getLabelSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(terms.get(0).getLabelSelector().getMatchExpressions())
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(e.getKey()).isEqualTo("app.kubernetes.io/name");
                                assertThat(e.getValues()).containsExactly(DHCPD_APP);
                            });
            assertThat(pod.getHostname())
                    .isEqualTo(
                            peer.getSpec().getTemplate().getMetadata().getLabels().get(ROLE_LABEL));
            assertThat(pod.getSubdomain()).isEqualTo("dhcp-pod");
            assertThat(render.has("Service", pod.getSubdomain())).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void dhcpdPeers_leaseFileOnOwnClaimConfigAsDirectoryProbesOnAgent(String overlay)
            throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        Set<String> claims = new TreeSet<>();
        for (Deployment peer : render.dhcpdPeers()) {
            PodSpec pod = peer.getSpec().getTemplate().getSpec();
            Container agent = pod.getContainers().get(0);
            assertThat(agent.getArgs()).containsExactly("agent");
            Volume leases = PodSpecs.volumeMountedAt(pod, agent, leaseDirectory(render));
            assertThat(leases.getPersistentVolumeClaim()).isNotNull();
            claims.add(leases.getPersistentVolumeClaim().getClaimName());
            Volume config =
                    pod.getVolumes().stream()
                            .filter(v -> v.getConfigMap() != null)
                            .filter(v -> v.getConfigMap().getName().equals(PUBLISHED_CONFIG_MAP))
                            .findFirst()
                            .orElseThrow();
            assertThat(config.getConfigMap().getOptional()).isTrue();
            assertThat(agent.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
            assertThat(agent.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/live");
            // dhcpd's failover link, or the Kea HA hook's kea-ctrl-agent (and never both)
            assertThat(agent.getPorts())
                    .extracting(p -> p.getContainerPort() + "/" + p.getProtocol())
                    .contains("67/UDP", "8067/TCP")
                    .contains(render.runsKea() ? "8000/TCP" : "647/TCP")
                    .doesNotContain(render.runsKea() ? "647/TCP" : "8000/TCP");
        }
        assertThat(claims).hasSize(2);
        claims.forEach(c -> assertThat(render.has("PersistentVolumeClaim", c)).isTrue());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noConfigMapOrSecretIsMountedWithSubPath(String overlay) throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        for (Deployment deployment : render.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            for (Container container : containers(pod)) {
                for (VolumeMount mount : container.getVolumeMounts()) {
                    Volume volume = PodSpecs.volume(pod, mount.getName());
                    if (volume.getConfigMap() != null || volume.getSecret() != null) {
                        assertThat(mount.getSubPath())
                                .as(deployment.getMetadata().getName() + " " + mount.getName())
                                .isNullOrEmpty();
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void failoverServicesAreHeadlessAndPublishNotReadyPods(String overlay) throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        // a Kea pair has no failover link: only the pods' DNS names stay
        List<String> headless =
                render.runsKea()
                        ? List.of("dhcp-pod")
                        : List.of("headless-primary", "headless-secondary", "dhcp-pod");
        for (String name : headless) {
            Service service = render.find(Service.class, name).orElseThrow();
            assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
            assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
        }
        for (String role : List.of("primary", "secondary")) {
            Service dhcp = render.find(Service.class, "dhcp-" + role).orElseThrow();
            assertThat(dhcp.getSpec().getPorts())
                    .extracting(p -> p.getPort() + "/" + p.getProtocol())
                    .containsExactly("67/UDP");
            assertThat(dhcp.getSpec().getSelector()).containsEntry(ROLE_LABEL, role);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferencedSecretConfigMapAndServiceAccountIsInTheRender(String overlay)
            throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        for (Deployment deployment : render.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String where = overlay + " " + deployment.getMetadata().getName();
            if (pod.getServiceAccountName() != null) {
                assertThat(render.has("ServiceAccount", pod.getServiceAccountName()))
                        .as(where)
                        .isTrue();
            }
            for (Volume volume : pod.getVolumes()) {
                if (volume.getSecret() != null) {
                    assertThat(secretKeys(render, volume.getSecret().getSecretName()))
                            .as(where + " volume " + volume.getName())
                            .isNotEmpty();
                }
                if (volume.getConfigMap() != null
                        && !volume.getConfigMap().getName().equals(PUBLISHED_CONFIG_MAP)) {
                    assertThat(render.has("ConfigMap", volume.getConfigMap().getName()))
                            .as(where)
                            .isTrue();
                }
            }
            for (Container container : containers(pod)) {
                for (var env : container.getEnv()) {
                    var secret =
                            env.getValueFrom() == null
                                    ? null
                                    : env.getValueFrom().getSecretKeyRef();
                    if (secret != null) {
                        assertThat(secretKeys(render, secret.getName()))
                                .as(where + " " + env.getName())
                                .contains(secret.getKey());
                    }
                }
                container.getEnvFrom().stream()
                        .filter(e -> e.getConfigMapRef() != null)
                        .forEach(
                                e ->
                                        assertThat(
                                                        render.has(
                                                                "ConfigMap",
                                                                e.getConfigMapRef().getName()))
                                                .as(where)
                                                .isTrue());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void listenerRoleGrantsExactlyTheRolloutsVerbs(String overlay) throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        List<String> grants = new ArrayList<>();
        for (Role role : render.all(Role.class)) {
            for (PolicyRule rule : role.getRules()) {
                for (String group : rule.getApiGroups()) {
                    for (String resource : rule.getResources()) {
                        for (String verb : rule.getVerbs()) {
                            grants.add(group + "/" + resource + ":" + verb);
                        }
                    }
                }
            }
        }
        assertThat(grants).noneMatch(g -> g.contains("*")).noneMatch(g -> g.contains("exec"));
        assertThat(grants)
                .containsExactlyInAnyOrder(
                        "/configmaps:get",
                        "/configmaps:create",
                        "/configmaps:update",
                        "/pods:get",
                        "/pods:list",
                        "/pods:patch",
                        "coordination.k8s.io/leases:get",
                        "coordination.k8s.io/leases:create",
                        "coordination.k8s.io/leases:patch");
        assertThat(render.all(io.fabric8.kubernetes.api.model.rbac.ClusterRole.class)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void containersHaveResourcesLimitedCapabilitiesAndReadOnlyRoot(String overlay)
            throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        for (Deployment deployment : render.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            boolean dhcpd = isDhcpdPeer(deployment);
            for (Container container : containers(pod)) {
                String where = overlay + " " + deployment.getMetadata().getName();
                assertThat(container.getResources().getRequests())
                        .as(where)
                        .containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(where).containsKey("memory");
                var security = container.getSecurityContext();
                assertThat(security.getAllowPrivilegeEscalation()).as(where).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as(where).isTrue();
                assertThat(security.getCapabilities().getDrop()).as(where).containsExactly("ALL");
                if (dhcpd) {
                    assertThat(security.getCapabilities().getAdd())
                            .as(where)
                            .containsExactlyInAnyOrder("NET_RAW", "NET_BIND_SERVICE");
                } else {
                    assertThat(security.getCapabilities().getAdd()).as(where).isNullOrEmpty();
                    assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(where).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void listenerIsHighlyAvailableWithProbesAndBudget(String overlay) throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        Deployment listener = render.find(Deployment.class, "netbox-dhcpd").orElseThrow();
        assertThat(listener.getSpec().getReplicas()).isEqualTo(2);
        Container container = listener.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).startsWith("/q/health");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).startsWith("/q/health");
        assertThat(render.has("PodDisruptionBudget", "netbox-dhcpd")).isTrue();
        assertThat(render.has("Service", "netbox-dhcpd")).isTrue();
    }

    /** Where the pair's server keeps its lease file: dhcpd's or Kea's directory. */
    private static String leaseDirectory(RenderedManifests render) {
        return render.runsKea() ? "/var/lib/kea" : "/var/lib/dhcp";
    }

    private static boolean isDhcpdPeer(Deployment d) {
        return RenderedManifests.isDhcpdPeer(d);
    }

    private static List<Container> containers(PodSpec pod) {
        List<Container> all = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            all.addAll(pod.getInitContainers());
        }
        return all;
    }

    /**
     * The keys of Secret {@code name}: from the render when an overlay ships it (the lab), else
     * from the command docs/operations.md gives to create it.
     */
    private static Set<String> secretKeys(RenderedManifests render, String name)
            throws IOException {
        Set<String> keys = new TreeSet<>(InstallSecrets.documented().getOrDefault(name, Set.of()));
        render.find(Secret.class, name)
                .ifPresent(
                        secret ->
                                Stream.of(secret.getData(), secret.getStringData())
                                        .filter(java.util.Objects::nonNull)
                                        .forEach(data -> keys.addAll(data.keySet())));
        return keys;
    }
}
