package dk.npflan.dhcp.rollout.kubernetes;

import dk.npflan.dhcp.rollout.PublishConflictException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Read → change → write of one ConfigMap with optimistic locking: the write carries the
 * resourceVersion that was read, so a concurrent writer makes it fail with 409 instead of being
 * overwritten. On 409 it re-reads and re-applies the change, a bounded number of times with a small
 * jittered backoff, then gives up with {@link PublishConflictException}.
 */
final class ConfigMapWriter {

    private static final Logger LOG = Logger.getLogger(ConfigMapWriter.class);

    private final KubernetesClient client;
    private final String namespace;
    private final RolloutKubernetesSettings.Publish retry;

    ConfigMapWriter(
            KubernetesClient client, String namespace, RolloutKubernetesSettings.Publish retry) {
        if (retry.maxAttempts() < 1) {
            throw new IllegalArgumentException("publish.max-attempts must be at least 1");
        }
        this.client = client;
        this.namespace = namespace;
        this.retry = retry;
    }

    /**
     * Applies {@code change} to the current content of ConfigMap {@code name} (empty when it does
     * not exist) and writes the result; a change that returns empty means "nothing to write".
     *
     * @return what is stored afterwards
     */
    ConfigMap write(String name, Function<Optional<ConfigMap>, Optional<ConfigMap>> change) {
        KubernetesClientException lastConflict = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(attempt);
            }
            Optional<ConfigMap> current =
                    Optional.ofNullable(
                            client.configMaps().inNamespace(namespace).withName(name).get());
            Optional<ConfigMap> desired = change.apply(current);
            if (desired.isEmpty()) {
                return current.orElse(null);
            }
            ConfigMap next = desired.get();
            next.getMetadata().setName(name);
            next.getMetadata().setNamespace(namespace);
            try {
                if (current.isEmpty()) {
                    next.getMetadata().setResourceVersion(null);
                    return client.configMaps().inNamespace(namespace).resource(next).create();
                }
                next.getMetadata()
                        .setResourceVersion(current.get().getMetadata().getResourceVersion());
                return client.configMaps().inNamespace(namespace).resource(next).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                lastConflict = e;
                LOG.debugf(
                        "ConfigMap %s/%s changed under attempt %d of %d; re-reading",
                        namespace, name, attempt, retry.maxAttempts());
            }
        }
        throw new PublishConflictException(
                String.format(
                        "ConfigMap %s/%s kept changing under us: %d attempts each hit a concurrent"
                                + " write (409)",
                        namespace, name, retry.maxAttempts()),
                lastConflict);
    }

    private void pause(int attempt) {
        long base = retry.backoff().toMillis() << Math.min(attempt - 2, 16);
        long capped = Math.min(base, retry.maxBackoff().toMillis());
        // Jitter keeps two replicas that collided once from colliding again in lockstep.
        long millis = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishConflictException("interrupted while backing off", e);
        }
    }
}
