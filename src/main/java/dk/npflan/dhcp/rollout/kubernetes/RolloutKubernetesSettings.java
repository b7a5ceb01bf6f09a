package dk.npflan.dhcp.rollout.kubernetes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the Kubernetes target finds its objects and how patient it is. Every name has the default
 * of the shipped manifests; durations are ISO-8601 ({@code PT5S}; Quarkus also takes {@code 5s}).
 * The agent token is read from a mounted file on each use and never logged.
 */
@ConfigMapping(prefix = "netbox-dhcpd.rollout.kubernetes")
public interface RolloutKubernetesSettings {

    /** Namespace of the ConfigMaps, pods, Lease and Deployments; default: the client's own. */
    Optional<String> namespace();

    /** The ConfigMap the dhcpd pods mount. */
    @WithDefault("dhcpd-config")
    String configMap();

    /** The ConfigMap holding the last good bundle and a short history, for rollback. */
    @WithDefault("dhcpd-config-history")
    String historyConfigMap();

    /** In place (default) or by Deployment rollout; see {@link RestartMode}. */
    @WithDefault("in-place")
    RestartMode restartMode();

    Pods pods();

    Agent agent();

    Publish publish();

    Lease lease();

    RolloutRestart rolloutRestart();

    /** How the two dhcpd pods are found. */
    interface Pods {

        /** Label selector {@code key=value[,key=value…]} shared by both dhcpd pods. */
        @WithDefault("app.kubernetes.io/name=dhcpd")
        String selector();

        /** Label whose value is {@code primary} or {@code secondary}. */
        @WithDefault("netbox-dhcpd.npflan.dk/role")
        String roleLabel();
    }

    /** How each pod's agent is reached: {@code http://<podIP>:<port>}. */
    interface Agent {

        /** Port used when the pod declares no container port named {@link #portName()}. */
        @WithDefault("8067")
        int port();

        /** Name of the agent's container port in the pod spec; wins over {@link #port()}. */
        @WithDefault("agent")
        String portName();

        /** File holding the bearer token for {@code POST /restart} (a mounted Secret). */
        Optional<Path> tokenFile();

        @WithDefault("PT2S")
        Duration connectTimeout();

        /** Time allowed for one {@code GET /state}. */
        @WithDefault("PT5S")
        Duration stateTimeout();

        /**
         * Time allowed for one {@code POST /restart}: {@code dhcpd -t}, stop, start (10,000 pools
         * take seconds).
         */
        @WithDefault("PT3M")
        Duration restartTimeout();
    }

    /**
     * Optimistic-locking retries when someone else changes a ConfigMap between our read and write.
     */
    interface Publish {

        /** Writes tried, the first included, before {@code PublishConflictException}. */
        @WithDefault("5")
        int maxAttempts();

        /**
         * Wait after the first conflict; doubled per attempt up to {@link #maxBackoff()}, with
         * jitter.
         */
        @WithDefault("PT0.1S")
        Duration backoff();

        @WithDefault("PT2S")
        Duration maxBackoff();
    }

    /** The coordination.k8s.io Lease that lets one listener replica roll out at a time. */
    interface Lease {

        @WithDefault("netbox-dhcpd-rollout")
        String name();

        /**
         * Holder identity; default: the pod name ({@code HOSTNAME}) plus a random suffix per
         * process.
         */
        Optional<String> identity();

        /** Must exceed {@link #renewDeadline()}, which must exceed 2.2 × {@link #retryPeriod()}. */
        @WithDefault("PT15S")
        Duration leaseDuration();

        @WithDefault("PT10S")
        Duration renewDeadline();

        @WithDefault("PT2S")
        Duration retryPeriod();
    }

    /** Only for {@link RestartMode#ROLLOUT_RESTART}. */
    interface RolloutRestart {

        @WithDefault("dhcpd-primary")
        String primaryDeployment();

        @WithDefault("dhcpd-secondary")
        String secondaryDeployment();

        /**
         * Bound for one Deployment rollout, from the template patch to a ready agent on the new
         * hash.
         */
        @WithDefault("PT10M")
        Duration timeout();

        @WithDefault("PT1S")
        Duration pollInterval();
    }
}
