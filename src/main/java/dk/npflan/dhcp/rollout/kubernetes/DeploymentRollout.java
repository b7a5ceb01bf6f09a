package dk.npflan.dhcp.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Restarts a Deployment's pods by putting the bundle's content hash into its pod template (a JSON
 * merge patch), then waits as {@code kubectl rollout status} does. The hash, not a timestamp as in
 * {@code kubectl rollout restart}: replaying the same bundle changes nothing and starts no new
 * ReplicaSet.
 */
public final class DeploymentRollout {

    /** How a rollout ended; {@code status} is the last thing seen. */
    public record Outcome(DeploymentRolloutCondition.Status status, boolean patched) {}

    private final KubernetesClient client;
    private final String namespace;
    private final Duration pollInterval;
    private final Clock clock;

    public DeploymentRollout(
            KubernetesClient client, String namespace, Duration pollInterval, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    /**
     * Patches {@code deployment}'s template with {@code hash} unless it carries it already, then
     * polls until the rollout is done, failed, or {@code timeout} passed (then WAITING with the
     * last message).
     */
    public Outcome restart(String deployment, String hash, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        Deployment current = get(deployment);
        if (Boolean.TRUE.equals(current.getSpec().getPaused())) {
            return new Outcome(
                    new DeploymentRolloutCondition.Status(
                            DeploymentRolloutCondition.Phase.FAILED,
                            "deployment " + deployment + " is paused: resume it first"),
                    false);
        }
        Map<String, String> annotations =
                current.getSpec().getTemplate().getMetadata() == null
                        ? null
                        : current.getSpec().getTemplate().getMetadata().getAnnotations();
        boolean patch =
                annotations == null
                        || !hash.equals(annotations.get(RolloutAnnotations.CONFIG_HASH));
        if (patch) {
            client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(deployment)
                    .patch(
                            PatchContext.of(PatchType.JSON_MERGE),
                            String.format(
                                    "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":"
                                            + "{\"%s\":\"%s\"}}}}}",
                                    RolloutAnnotations.CONFIG_HASH, hash));
        }
        while (true) {
            DeploymentRolloutCondition.Status status =
                    DeploymentRolloutCondition.evaluate(get(deployment));
            if (status.phase() != DeploymentRolloutCondition.Phase.WAITING
                    || !clock.instant().isBefore(deadline)) {
                return new Outcome(status, patch);
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(status, patch);
            }
        }
    }

    private Deployment get(String deployment) {
        Deployment found =
                client.apps().deployments().inNamespace(namespace).withName(deployment).get();
        if (found == null) {
            throw new IllegalStateException(
                    "no deployment "
                            + namespace
                            + "/"
                            + deployment
                            + " (restart-mode rollout-restart)");
        }
        return found;
    }
}
