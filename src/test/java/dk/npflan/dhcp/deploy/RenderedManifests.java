package dk.npflan.dhcp.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One overlay of {@code deploy/overlays/} rendered by the real {@code kubectl kustomize} and parsed
 * into fabric8 model objects, so the tests check what an operator's {@code kubectl apply -k} would
 * create, not the YAML sources.
 */
public record RenderedManifests(String overlay, List<HasMetadata> objects) {

    public static final Path OVERLAYS = Path.of("deploy/overlays");

    /** The names of every overlay directory. */
    public static List<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            return dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    public static RenderedManifests render(String overlay)
            throws IOException, InterruptedException {
        Process kubectl =
                new ProcessBuilder("kubectl", "kustomize", OVERLAYS.resolve(overlay).toString())
                        .redirectErrorStream(false)
                        .start();
        byte[] out = kubectl.getInputStream().readAllBytes();
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + overlay + " failed: " + err);
        }
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            return new RenderedManifests(
                    overlay, client.load(new ByteArrayInputStream(out)).items());
        }
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    /** The two dhcpd peer Deployments (pods labelled {@code app.kubernetes.io/name: dhcpd}). */
    public List<Deployment> dhcpdPeers() {
        return all(Deployment.class).stream().filter(RenderedManifests::isDhcpdPeer).toList();
    }

    static boolean isDhcpdPeer(Deployment deployment) {
        return "dhcpd"
                .equals(
                        deployment
                                .getSpec()
                                .getTemplate()
                                .getMetadata()
                                .getLabels()
                                .get("app.kubernetes.io/name"));
    }

    public boolean has(String kind, String name) {
        return objects.stream()
                .anyMatch(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name));
    }
}
