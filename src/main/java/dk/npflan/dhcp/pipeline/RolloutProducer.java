package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.audit.KafkaAuditSink;
import dk.npflan.dhcp.rollout.Roller;
import dk.npflan.dhcp.rollout.RolloutSettings;
import dk.npflan.dhcp.rollout.kubernetes.KubernetesTarget;
import dk.npflan.dhcp.rollout.kubernetes.LeaseRolloutLock;
import dk.npflan.dhcp.rollout.kubernetes.RolloutKubernetesSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/**
 * Binds the pipeline's {@link ConfigRollout} to the roller over the target that {@code
 * netbox-dhcpd.rollout.target} names. Step records go to {@link KafkaAuditSink} (the audit topic,
 * the log and the {@code netbox_dhcpd_rollout_steps_total} counter).
 */
@ApplicationScoped
public class RolloutProducer {

    private static final Logger LOG = Logger.getLogger(RolloutProducer.class);

    @Produces
    @ApplicationScoped
    ConfigRollout rollout(
            RolloutSettings settings,
            Instance<KubernetesClient> kubernetes,
            Instance<RolloutKubernetesSettings> kubernetesSettings,
            KafkaAuditSink audit) {
        return switch (settings.target()) {
            case NONE -> {
                LOG.info(
                        "rollout target: none (netbox-dhcpd.rollout.target): configs are rendered"
                                + " and checked, never published");
                yield new NoTargetRollout();
            }
            case KUBERNETES -> {
                KubernetesClient client = kubernetes.get();
                RolloutKubernetesSettings k8s = kubernetesSettings.get();
                KubernetesTarget target = new KubernetesTarget(client, k8s, settings.historySize());
                LeaseRolloutLock lock =
                        new LeaseRolloutLock(client, target.namespace(), k8s.lease());
                LOG.infof("rollout target: kubernetes, namespace %s", target.namespace());
                yield new RollerRollout(new Roller(target, lock, audit, settings), target);
            }
            case LOCAL ->
                    throw new IllegalStateException(
                            "netbox-dhcpd.rollout.target=local is only available in the embedded"
                                    + " run");
        };
    }
}
