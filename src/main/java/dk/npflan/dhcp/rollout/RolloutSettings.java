package dk.npflan.dhcp.rollout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long the roller waits for each gate and how often it polls. The defaults follow what was
 * measured: kubelet propagation of a ConfigMap takes up to about 1–2 minutes; a restarted peer is
 * back in normal/normal after about a second, but 15 s in startup are possible, and a 10,000-pool
 * config takes seconds to load.
 */
@ConfigMapping(prefix = "netbox-dhcpd.rollout")
public interface RolloutSettings {

    /**
     * Where bundles are published and which peers are restarted: {@code none} renders and checks
     * only, {@code kubernetes} is the ConfigMap and the agents of the dhcpd pods ({@code
     * netbox-dhcpd.rollout.kubernetes.*}), {@code directory} config directories shared with the
     * agents plus their URLs ({@code netbox-dhcpd.rollout.directory.*}, docker-compose), {@code
     * local} the failover pair on this machine (the embedded run: the default of {@code serve}
     * without {@code KAFKA_BOOTSTRAP_SERVERS} when this machine can run it).
     */
    @WithDefault("none")
    Target target();

    /** The kinds of {@link RolloutTarget}. */
    enum Target {
        NONE,
        KUBERNETES,
        DIRECTORY,
        LOCAL
    }

    /**
     * Deadline for every peer to mount a published bundle (step 3, and before a rollback restart).
     */
    @WithDefault("PT3M")
    Duration propagationDeadline();

    /**
     * Deadline, per restarted peer, for the pair to be back in normal/normal with the peer serving;
     * also how long a peer waits for the other to be serving before it may be restarted.
     */
    @WithDefault("PT2M")
    Duration restartDeadline();

    /**
     * How long the restart gate (normal/normal, restarted peer serving) must hold on every poll
     * before the next peer is touched; longer than the agent's probe cache (2 s), so a readiness
     * cached from before the restart does not count.
     */
    @WithDefault("PT3S")
    Duration gateStableFor();

    /** Poll interval of every wait (agent {@code /state} reads). */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** How long a rollout waits for the rollout lock before it gives up (retry later). */
    @WithDefault("PT30S")
    Duration lockWait();

    /**
     * How often {@code serve} checks whether a peer holds its partner's old address and re-pairs it
     * (restart in place); rollouts re-pair first anyway.
     */
    @WithDefault("PT30S")
    Duration rePairInterval();

    /** How many bundles a target keeps besides the last good one, for rollback and forensics. */
    @WithDefault("5")
    int historySize();

    /** These settings with {@code gateStableFor} as the gates' hold (a backend's own hold). */
    default RolloutSettings withGateStableFor(Duration gateStableFor) {
        RolloutSettings base = this;
        return new RolloutSettings() {
            @Override
            public Target target() {
                return base.target();
            }

            @Override
            public Duration propagationDeadline() {
                return base.propagationDeadline();
            }

            @Override
            public Duration restartDeadline() {
                return base.restartDeadline();
            }

            @Override
            public Duration gateStableFor() {
                return gateStableFor;
            }

            @Override
            public Duration pollInterval() {
                return base.pollInterval();
            }

            @Override
            public Duration lockWait() {
                return base.lockWait();
            }

            @Override
            public Duration rePairInterval() {
                return base.rePairInterval();
            }

            @Override
            public int historySize() {
                return base.historySize();
            }
        };
    }
}
