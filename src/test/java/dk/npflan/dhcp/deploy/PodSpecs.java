package dk.npflan.dhcp.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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

    /**
     * The container's environment as its process sees it: every variable of its {@code envFrom}
     * ConfigMaps, then its own {@code env} values (which win). Variables from Secrets or fields are
     * left out: nothing here reads them.
     */
    static Map<String, String> environment(RenderedManifests render, Container container) {
        Map<String, String> environment = new HashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            String name = from.getConfigMapRef().getName();
            ConfigMap map =
                    render.find(ConfigMap.class, name)
                            .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
            if (map.getData() != null) {
                environment.putAll(map.getData());
            }
        }
        for (EnvVar env : container.getEnv()) {
            if (env.getValue() != null) {
                environment.put(env.getName(), env.getValue());
            }
        }
        return environment;
    }

    static EnvVar env(Container container, String name) {
        return container.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }
}
