package dk.npflan.dhcp.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.rollout.kubernetes.DeploymentRolloutCondition.Phase;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentRolloutConditionTest {

    /**
     * kubectl rollout status, row by row: generation, status fields, Progressing reason → phase.
     */
    @ParameterizedTest(name = "{7}")
    @CsvSource({
        "2, 1, 1, 1, 1, 1, '', WAITING, spec change not observed yet",
        "2, 2, 1, 0, 1, 0, '', WAITING, no updated replica yet",
        "2, 2, 1, 1, 2, 1, '', WAITING, old replica still terminating",
        "2, 2, 1, 1, 1, 0, '', WAITING, updated replica not available",
        "2, 2, 1, 1, 1, 1, '', DONE, rolled out",
        "2, 2, 1, 1, 1, 1, NewReplicaSetAvailable, DONE, rolled out with the usual condition",
        "2, 2, 1, 0, 2, 1, ProgressDeadlineExceeded, FAILED, progress deadline exceeded",
        "3, 2, 1, 1, 1, 1, ProgressDeadlineExceeded, WAITING, deadline of an older generation",
    })
    void evaluate_followsKubectlRolloutStatus(
            long generation,
            long observed,
            int desired,
            int updated,
            int replicas,
            int available,
            String progressingReason,
            Phase expected,
            String scenario) {
        DeploymentBuilder builder =
                new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("dhcpd-secondary")
                        .withGeneration(generation)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(desired)
                        .endSpec()
                        .withNewStatus()
                        .withObservedGeneration(observed)
                        .withUpdatedReplicas(updated)
                        .withReplicas(replicas)
                        .withAvailableReplicas(available)
                        .endStatus();
        if (!progressingReason.isEmpty()) {
            builder.editStatus()
                    .addNewCondition()
                    .withType("Progressing")
                    .withStatus("True")
                    .withReason(progressingReason)
                    .endCondition()
                    .endStatus();
        }
        Deployment deployment = builder.build();

        DeploymentRolloutCondition.Status status = DeploymentRolloutCondition.evaluate(deployment);

        assertThat(status.phase()).as(scenario + ": " + status.message()).isEqualTo(expected);
        assertThat(status.message()).contains("dhcpd-secondary");
    }
}
