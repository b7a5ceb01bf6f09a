package dk.npflan.dhcp.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/**
 * "Is this Deployment rolled out?" exactly as {@code kubectl rollout status} decides it: the
 * controller has observed the current generation, no Progressing condition says
 * ProgressDeadlineExceeded (that is a failure), all desired replicas are updated, no old replicas
 * remain and every updated replica is available. Pure; one answer per Deployment snapshot.
 */
public final class DeploymentRolloutCondition {

    /** Where a rollout stands, with kubectl's wording of why. */
    public enum Phase {
        DONE,
        WAITING,
        FAILED
    }

    /** One evaluation. */
    public record Status(Phase phase, String message) {}

    private DeploymentRolloutCondition() {}

    public static Status evaluate(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        DeploymentStatus status =
                deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        long generation = orZero(deployment.getMetadata().getGeneration());
        long observed = orZero(status.getObservedGeneration());
        if (observed < generation) {
            return new Status(
                    Phase.WAITING,
                    String.format(
                            "waiting for deployment %s spec update to be observed (generation %d,"
                                    + " observed %d)",
                            name, generation, observed));
        }
        for (DeploymentCondition condition : status.getConditions()) {
            if ("Progressing".equals(condition.getType())
                    && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                return new Status(
                        Phase.FAILED,
                        String.format("deployment %s exceeded its progress deadline", name));
            }
        }
        // the API server defaults spec.replicas to 1
        int desired =
                deployment.getSpec() == null || deployment.getSpec().getReplicas() == null
                        ? 1
                        : deployment.getSpec().getReplicas();
        int updated = orZero(status.getUpdatedReplicas());
        int replicas = orZero(status.getReplicas());
        int available = orZero(status.getAvailableReplicas());
        if (updated < desired) {
            return new Status(
                    Phase.WAITING,
                    String.format(
                            "waiting for deployment %s rollout to finish: %d out of %d new replicas"
                                    + " have been updated",
                            name, updated, desired));
        }
        if (replicas > updated) {
            return new Status(
                    Phase.WAITING,
                    String.format(
                            "waiting for deployment %s rollout to finish: %d old replicas are"
                                    + " pending termination",
                            name, replicas - updated));
        }
        if (available < updated) {
            return new Status(
                    Phase.WAITING,
                    String.format(
                            "waiting for deployment %s rollout to finish: %d of %d updated"
                                    + " replicas are available",
                            name, available, updated));
        }
        return new Status(Phase.DONE, String.format("deployment %s successfully rolled out", name));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
