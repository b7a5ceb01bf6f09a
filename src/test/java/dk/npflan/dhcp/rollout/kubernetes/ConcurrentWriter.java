package dk.npflan.dhcp.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Another writer of ConfigMap {@code dhcpd-config} that always gets in first: a client whose every
 * write of it is preceded, between its read and its PUT, by a second client bumping the ConfigMap
 * (an annotation {@code other-writer}). Deterministic, unlike a writer thread racing in a loop.
 */
final class ConcurrentWriter {

    private ConcurrentWriter() {}

    /** A client for the target under test; the first {@code bumps} of its PUTs lose the race. */
    static KubernetesClient clientRacedOnEveryWrite(KubernetesMockServer server, int bumps) {
        KubernetesClient other = server.createClient();
        AtomicInteger left = new AtomicInteger(bumps);
        Interceptor writer =
                new Interceptor() {
                    @Override
                    public void before(
                            BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        if ("PUT".equals(request.method())
                                && request.uri().getPath().endsWith("/configmaps/dhcpd-config")
                                && left.getAndDecrement() > 0) {
                            other.configMaps()
                                    .withName("dhcpd-config")
                                    .edit(
                                            cm ->
                                                    new ConfigMapBuilder(cm)
                                                            .editMetadata()
                                                            .addToAnnotations(
                                                                    "other-writer",
                                                                    String.valueOf(left.get()))
                                                            .endMetadata()
                                                            .build());
                        }
                    }
                };
        return server.createClient(
                b ->
                        b.withHttpClientBuilderConsumer(
                                h -> h.addOrReplaceInterceptor("concurrent-writer", writer)));
    }
}
