package dk.npflan.dhcp.rollout.kubernetes;

/**
 * How a peer is restarted onto a new bundle. In place is the default because dhcpd caches its
 * partner's address for an hour and accepts failover connections only from it: a pod recreated with
 * a new IP leaves the pair in communications-interrupted (docs/rollout-kubernetes.md).
 */
public enum RestartMode {
    /**
     * The agent restarts dhcpd inside the running pod ({@code POST /restart}); the pod IP stays.
     */
    IN_PLACE,
    /**
     * The role's Deployment gets the content hash in its pod template and is waited for as {@code
     * kubectl rollout status} does. Only for pods that keep their address across recreation
     * (hostNetwork, static IPs).
     */
    ROLLOUT_RESTART
}
