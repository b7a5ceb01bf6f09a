package dk.npflan.dhcp.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the kubelet does with a ConfigMap volume, for the mock API server (which has no kubelet): it
 * projects the ConfigMap's keys into each pod's mount directory as the kubelet does (a timestamped
 * directory, an atomically swapped {@code ..data} symlink, one symlink per key), but only after a
 * delay: a short one once the pod is annotated with the ConfigMap's hash (the nudge), a long one
 * otherwise (sync period + cache TTL).
 */
final class SimulatedKubelet implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final String configMap;
    private final Duration nudgedDelay;
    private final Duration unnudgedDelay;
    private final Map<String, Mount> mounts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean copying = true;

    private static final class Mount {
        final Path dir;
        String syncedVersion;
        long changeSeenAt;
        long nudgeSeenAt;

        Mount(Path dir) {
            this.dir = dir;
        }
    }

    SimulatedKubelet(
            KubernetesClient client,
            String namespace,
            String configMap,
            Duration nudgedDelay,
            Duration unnudgedDelay) {
        this.client = client;
        this.namespace = namespace;
        this.configMap = configMap;
        this.nudgedDelay = nudgedDelay;
        this.unnudgedDelay = unnudgedDelay;
        loop.scheduleWithFixedDelay(this::tick, 20, 20, TimeUnit.MILLISECONDS);
    }

    /** Mounts the ConfigMap for {@code pod} now (a pod start sees the current content at once). */
    void mount(String pod, Path dir) {
        Mount mount = new Mount(dir);
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(configMap).get();
        if (cm != null) {
            project(cm, mount);
        }
        mounts.put(pod, mount);
    }

    /** From now on nothing is copied any more (a stuck kubelet). */
    void stopCopying() {
        copying = false;
    }

    private void tick() {
        try {
            ConfigMap cm = client.configMaps().inNamespace(namespace).withName(configMap).get();
            if (cm == null || !copying) {
                return;
            }
            String version = cm.getMetadata().getResourceVersion();
            String hash =
                    cm.getMetadata().getAnnotations() == null
                            ? null
                            : cm.getMetadata().getAnnotations().get(RolloutAnnotations.CONFIG_HASH);
            long now = System.nanoTime();
            for (Map.Entry<String, Mount> entry : mounts.entrySet()) {
                Mount mount = entry.getValue();
                if (version.equals(mount.syncedVersion)) {
                    continue;
                }
                if (mount.changeSeenAt == 0) {
                    mount.changeSeenAt = now;
                }
                Pod pod = client.pods().inNamespace(namespace).withName(entry.getKey()).get();
                boolean nudged =
                        hash != null
                                && pod != null
                                && pod.getMetadata().getAnnotations() != null
                                && hash.equals(
                                        pod.getMetadata()
                                                .getAnnotations()
                                                .get(RolloutAnnotations.CONFIG_HASH));
                if (nudged && mount.nudgeSeenAt == 0) {
                    mount.nudgeSeenAt = now;
                }
                boolean due =
                        (mount.nudgeSeenAt != 0 && now - mount.nudgeSeenAt >= nudgedDelay.toNanos())
                                || now - mount.changeSeenAt >= unnudgedDelay.toNanos();
                if (due) {
                    project(cm, mount);
                }
            }
        } catch (RuntimeException e) {
            // the mock server is shutting down; the next tick (if any) retries
        }
    }

    private static void project(ConfigMap cm, Mount mount) {
        try {
            Files.createDirectories(mount.dir);
            Path version = Files.createTempDirectory(mount.dir, "..version_");
            Set<String> keys = new TreeSet<>();
            if (cm.getData() != null) {
                for (Map.Entry<String, String> e : cm.getData().entrySet()) {
                    Files.writeString(
                            version.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
                    keys.add(e.getKey());
                }
            }
            if (cm.getBinaryData() != null) {
                for (Map.Entry<String, String> e : cm.getBinaryData().entrySet()) {
                    Files.write(
                            version.resolve(e.getKey()), Base64.getDecoder().decode(e.getValue()));
                    keys.add(e.getKey());
                }
            }
            Path data = mount.dir.resolve("..data");
            Path previous = Files.isSymbolicLink(data) ? data.toRealPath() : null;
            Path next = mount.dir.resolve("..data_tmp");
            Files.deleteIfExists(next);
            Files.createSymbolicLink(next, version.getFileName());
            Files.move(
                    next,
                    data,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> entries = Files.list(mount.dir)) {
                for (Path entry : entries.toList()) {
                    String name = entry.getFileName().toString();
                    if (!name.startsWith("..") && !keys.contains(name)) {
                        Files.delete(entry);
                    }
                }
            }
            for (String key : keys) {
                Path link = mount.dir.resolve(key);
                if (!Files.isSymbolicLink(link)) {
                    Files.createSymbolicLink(link, Path.of("..data", key));
                }
            }
            if (previous != null) {
                try (Stream<Path> old = Files.list(previous)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(previous);
            }
            mount.syncedVersion = cm.getMetadata().getResourceVersion();
            mount.changeSeenAt = 0;
            mount.nudgeSeenAt = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
