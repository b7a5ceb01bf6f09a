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

    public static final Path COMPONENTS = Path.of("deploy/components");

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
        return render(overlay, OVERLAYS.resolve(overlay));
    }

    /**
     * {@code overlay} with {@code components} (names under {@code deploy/components}) added, as an
     * operator's own overlay would add them: a kustomization written under {@code target/}.
     */
    public static RenderedManifests renderWith(String overlay, String... components)
            throws IOException, InterruptedException {
        return renderWithSettings(overlay, "", components);
    }

    /**
     * {@code overlay} with {@code components} added and {@code settings} (more kustomization
     * fields, e.g. a {@code configMapGenerator} merge) in the same operator's kustomization.
     */
    public static RenderedManifests renderWithSettings(
            String overlay, String settings, String... components)
            throws IOException, InterruptedException {
        Path dir =
                Files.createDirectories(
                                Path.of(
                                        "target/kustomize",
                                        overlay
                                                + "-with-"
                                                + String.join("-", components)
                                                + (settings.isEmpty() ? "" : "-and-settings")))
                        .toAbsolutePath();
        StringBuilder kustomization =
                new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\n")
                        .append("kind: Kustomization\nresources:\n  - ")
                        .append(dir.relativize(OVERLAYS.resolve(overlay).toAbsolutePath()))
                        .append('\n')
                        .append(settings)
                        .append("components:\n");
        for (String component : components) {
            kustomization
                    .append("  - ")
                    .append(dir.relativize(COMPONENTS.resolve(component).toAbsolutePath()))
                    .append('\n');
        }
        Files.writeString(dir.resolve("kustomization.yaml"), kustomization);
        return render(overlay + " + " + String.join(" + ", components), dir);
    }

    private static RenderedManifests render(String name, Path dir)
            throws IOException, InterruptedException {
        Process kubectl =
                new ProcessBuilder("kubectl", "kustomize", dir.toString())
                        .redirectErrorStream(false)
                        .start();
        byte[] out = kubectl.getInputStream().readAllBytes();
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + name + " failed: " + err);
        }
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            return new RenderedManifests(name, client.load(new ByteArrayInputStream(out)).items());
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

    /**
     * The backend the pair runs ({@code netbox-dhcpd.backend} in the peers' environment: {@code
     * dhcpd} unless set), the same for both peers or the render is refused.
     */
    public String backend() {
        List<String> backends =
                dhcpdPeers().stream()
                        .map(
                                peer ->
                                        PodSpecs.environment(
                                                        this,
                                                        peer.getSpec()
                                                                .getTemplate()
                                                                .getSpec()
                                                                .getContainers()
                                                                .get(0))
                                                .getOrDefault(
                                                        ImageContract.BACKEND_VARIABLE,
                                                        ImageContract.DHCPD))
                        .distinct()
                        .toList();
        if (backends.size() != 1) {
            throw new AssertionError(overlay + ": the peers run different backends " + backends);
        }
        return backends.get(0);
    }

    public boolean runsKea() {
        return backend().equals(ImageContract.KEA);
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
