package dk.npflan.dhcp.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.PublishMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An API server that answers 500 for a while (etcd leader change, a control-plane upgrade) must not
 * halt a rollout: the client the service builds retries with back-off. The client here is built
 * with the retry settings of application.properties, the ones Quarkus hands to fabric8.
 */
@Tag("slow")
@EnableKubernetesMockClient(crud = true)
class KubernetesApiRetryTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private static final String CONFIG_MAP = "/api/v1/namespaces/test/configmaps/dhcpd-config";

    private KubernetesClient serviceClient() throws IOException {
        Properties app = new Properties();
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream("application.properties")) {
            app.load(in);
        }
        int limit =
                Integer.parseInt(
                        app.getProperty("quarkus.kubernetes-client.request-retry-backoff-limit"));
        Duration interval =
                Duration.parse(
                                "PT"
                                        + app.getProperty(
                                                        "quarkus.kubernetes-client.request-retry-backoff-interval")
                                                .replace("ms", "")
                                        + "S")
                        .dividedBy(1000);
        return new KubernetesClientBuilder()
                .withConfig(
                        new ConfigBuilder(client.getConfiguration())
                                .withRequestRetryBackoffLimit(limit)
                                .withRequestRetryBackoffInterval((int) interval.toMillis())
                                .build())
                .build();
    }

    @Test
    void apiServerAnswering500_forSeveralSeconds_publishStillSucceeds() throws IOException {
        server.expect()
                .get()
                .withPath(CONFIG_MAP)
                .andReturn(
                        500,
                        new StatusBuilder()
                                .withCode(500)
                                .withMessage("etcdserver: leader changed")
                                .build())
                .times(4); // 0.5 + 1 + 2 + 4 s of back-off: 7.5 s of errors
        RenderedConfig bundle = TestBundles.small("after a leader change");

        try (KubernetesClient retrying = serviceClient()) {
            KubernetesTarget target =
                    new KubernetesTarget(retrying, DhcpdPair.settings(null, Map.of()), 2);
            target.publish(bundle, new PublishMetadata(Instant.now(), List.of("req-1")));
        }

        assertThat(client.configMaps().withName("dhcpd-config").get().getData())
                .containsExactlyInAnyOrderEntriesOf(bundle.files());
    }
}
