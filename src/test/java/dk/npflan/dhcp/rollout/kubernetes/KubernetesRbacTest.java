package dk.npflan.dhcp.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.PublishedBundle;
import dk.npflan.dhcp.rollout.RolloutLock;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the RBAC the Kubernetes target needs (docs/rollout-kubernetes.md) by recording every request
 * it makes to the mock API server while doing everything it can do: first and later publish,
 * reading back, history, finding and nudging peers, taking and releasing the Lease, and a
 * rollout-restart. Any verb or resource outside the documented set fails the test.
 */
@EnableKubernetesMockClient(crud = true)
@Tag("slow")
class KubernetesRbacTest {

    /** The documented Role, as {@code verb resource[.group]}. */
    static final Set<String> DOCUMENTED =
            Set.of(
                    "get configmaps",
                    "create configmaps",
                    "update configmaps",
                    // fabric8's patch(PatchContext, String) reads the named object first
                    "get pods",
                    "list pods",
                    "patch pods",
                    "get leases.coordination.k8s.io",
                    "create leases.coordination.k8s.io",
                    "patch leases.coordination.k8s.io",
                    "get deployments.apps",
                    "patch deployments.apps");

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir Path dir;

    @Test
    void everythingTheTargetDoes_staysWithinTheDocumentedVerbsAndNeverExecs() throws Exception {
        try (FakeAgent agent =
                new FakeAgent(PeerRole.SECONDARY, dir, DhcpdPair.TOKEN, FakeAgent.newLog())) {
            client.pods()
                    .resource(DhcpdPair.pod("dhcpd-s", PeerRole.SECONDARY, agent.port()))
                    .create();
            client.pods()
                    .resource(DhcpdPair.pod("dhcpd-p", PeerRole.PRIMARY, agent.port()))
                    .create();
            client.apps()
                    .deployments()
                    .resource(
                            new DeploymentBuilder()
                                    .withNewMetadata()
                                    .withName("dhcpd-secondary")
                                    .endMetadata()
                                    .withNewSpec()
                                    .withNewTemplate()
                                    .withNewMetadata()
                                    .endMetadata()
                                    .endTemplate()
                                    .endSpec()
                                    .build())
                    .create();
            KubernetesClient targetClient = server.createClient();
            targetClient.configMaps().list(); // warm-up, drained below with the seeding requests
            drain();

            exerciseEverything(targetClient, agent);

            Set<String> used = new TreeSet<>();
            for (RecordedRequest request = server.takeRequest(200, TimeUnit.MILLISECONDS);
                    request != null;
                    request = server.takeRequest(200, TimeUnit.MILLISECONDS)) {
                used.add(verbAndResource(request.getMethod(), request.getPath()));
            }

            assertThat(used).isSubsetOf(DOCUMENTED);
            assertThat(used)
                    .contains(
                            "create configmaps",
                            "update configmaps",
                            "list pods",
                            "patch pods",
                            "create leases.coordination.k8s.io",
                            "patch leases.coordination.k8s.io",
                            "patch deployments.apps")
                    .noneMatch(v -> v.contains("exec"));
        }
    }

    private void exerciseEverything(KubernetesClient using, FakeAgent agent) {
        KubernetesTarget target =
                new KubernetesTarget(using, DhcpdPair.settings(null, Map.of()), 2);
        PublishMetadata metadata = new PublishMetadata(Instant.EPOCH, List.of("req"));
        PublishedBundle first = target.publish(TestBundles.small("first"), metadata);
        target.publish(TestBundles.pools(10_000), metadata);
        target.published();
        target.recordLastGood(first);
        target.recordLastGood(
                new PublishedBundle(TestBundles.small("second"), Instant.EPOCH, List.of()));
        target.lastGood();
        target.peer(PeerRole.SECONDARY).state();
        target.peer(PeerRole.SECONDARY).nudge(first.hash());

        LeaseRolloutLock lock =
                new LeaseRolloutLock(using, "test", DhcpdPair.settings(null, Map.of()).lease());
        RolloutLock.Held held = lock.acquire("rbac", Duration.ofSeconds(5)).orElseThrow();
        lock.holder();
        held.close();

        new DeploymentRollout(using, "test", Duration.ofMillis(50), Clock.systemUTC())
                .restart("dhcpd-secondary", first.hash(), Duration.ofMillis(300));
    }

    private void drain() throws InterruptedException {
        while (server.takeRequest(200, TimeUnit.MILLISECONDS) != null) {
            // seeding requests are not the target's
        }
    }

    /** {@code verb resource[.group][/subresource]} as RBAC names them. */
    static String verbAndResource(String method, String path) {
        URI uri = URI.create(path);
        String[] parts = uri.getPath().substring(1).split("/");
        int at;
        String group;
        if (parts[0].equals("api")) {
            group = "";
            at = 2;
        } else {
            group = parts[1];
            at = 3;
        }
        if (parts.length > at && parts[at].equals("namespaces") && parts.length > at + 2) {
            at += 2;
        }
        String resource = parts[at] + (group.isEmpty() ? "" : "." + group);
        boolean named = parts.length > at + 1;
        if (parts.length > at + 2) {
            resource += "/" + parts[at + 2];
        }
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        String verb =
                switch (method) {
                    case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
                    case "POST" -> "create";
                    case "PUT" -> "update";
                    case "PATCH" -> "patch";
                    case "DELETE" -> named ? "delete" : "deletecollection";
                    default -> method;
                };
        return verb + " " + resource;
    }

    @Test
    void verbAndResource_namesRequestsAsRbacDoes() {
        assertThat(verbAndResource("GET", "/api/v1/namespaces/test/configmaps/dhcpd-config"))
                .isEqualTo("get configmaps");
        assertThat(verbAndResource("GET", "/api/v1/namespaces/test/pods?labelSelector=a%3Db"))
                .isEqualTo("list pods");
        assertThat(verbAndResource("POST", "/api/v1/namespaces/test/pods/dhcpd-0/exec?command=sh"))
                .isEqualTo("create pods/exec");
        assertThat(
                        verbAndResource(
                                "PATCH",
                                "/apis/coordination.k8s.io/v1/namespaces/test/leases/netbox-dhcpd-rollout"))
                .isEqualTo("patch leases.coordination.k8s.io");
        assertThat(verbAndResource("GET", "/apis/apps/v1/namespaces/test/deployments?watch=true"))
                .isEqualTo("watch deployments.apps");
    }
}
