package dk.npflan.dhcp.rollout.kubernetes;

/**
 * The annotation keys the Kubernetes target writes (docs/rollout-kubernetes.md); one place so tests
 * and docs agree.
 */
public final class RolloutAnnotations {

    /**
     * The bundle's content hash, on the ConfigMap, on a nudged pod, on a restarted pod template.
     */
    public static final String CONFIG_HASH = "netbox-dhcpd.npflan.dk/config-hash";

    public static final String GENERATED_AT = "netbox-dhcpd.npflan.dk/generated-at";

    /** Comma-separated ids of the NetBox requests that caused the bundle. */
    public static final String NETBOX_REQUEST_IDS = "netbox-dhcpd.npflan.dk/netbox-request-ids";

    /**
     * On the history ConfigMap, the {@link dk.npflan.dhcp.rollout.RolloutControl}: this prefix plus
     * {@code rollouts-paused} and {@code held-bundle}, each a JSON object.
     */
    public static final String CONTROL_PREFIX = "netbox-dhcpd.npflan.dk/";

    private RolloutAnnotations() {}
}
