package dk.npflan.dhcp.pipeline;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Re-pairing without a NetBox change: every {@code netbox-dhcpd.rollout.re-pair-interval} the
 * rollout looks whether a peer holds its partner's old address (a node drain recreated the partner
 * at a new pod IP) and restarts it in place, under the rollout lock. A healthy pair costs one
 * {@code /state} poll of each agent and leaves no audit record. Paused rollouts (a change freeze)
 * pause this too: a re-pair restarts a peer, and a freeze means nothing of ours touches the pair.
 */
@ApplicationScoped
public class RePairSchedule {

    private static final Logger LOG = Logger.getLogger(RePairSchedule.class);

    private final ConfigRollout rollout;

    public RePairSchedule(ConfigRollout rollout) {
        this.rollout = rollout;
    }

    @Scheduled(
            identity = "netbox-dhcpd-re-pair",
            every = "${netbox-dhcpd.rollout.re-pair-interval:PT30S}",
            delayed = "${netbox-dhcpd.rollout.re-pair-interval:PT30S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try {
            if (rollout.control().read().pause().isPresent()) {
                LOG.debug("re-pair check skipped: rollouts are paused");
                return;
            }
            rollout.rePair().ifPresent(result -> LOG.infof("re-pair check: %s", result));
        } catch (RuntimeException e) {
            // the next pass tries again; a failed check must not stop the schedule
            LOG.warnf("re-pair check failed: %s", e.toString());
        }
    }
}
