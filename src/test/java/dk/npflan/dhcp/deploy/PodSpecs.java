package dk.npflan.dhcp.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.nio.file.Path;

/** Lookups in a rendered pod template that fail with the name of what is missing. */
final class PodSpecs {

    private PodSpecs() {}

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream()
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    static Volume volumeMountedAt(PodSpec pod, Container container, String path) {
        String name =
                container.getVolumeMounts().stream()
                        .filter(m -> Path.of(m.getMountPath()).equals(Path.of(path)))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("nothing mounted at " + path))
                        .getName();
        return volume(pod, name);
    }

    static EnvVar env(Container container, String name) {
        return container.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }
}
