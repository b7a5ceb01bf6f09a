package dk.npflan.dhcp.kea;

import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.Subnet;

/**
 * Kea keys every lease by its subnet's {@code id}: a subnet whose id changes loses its leases'
 * subnet, so the id must never change for a prefix. A NetBox subnet's id is therefore its prefix's
 * NetBox id (stable for the object's life, never reused). The two subnets from our own settings
 * (probe, server network) take ids from the top of Kea's id space, which is reserved for them:
 * {@link #RESERVED_FROM} … {@link #MAX}. NetBox ids are database sequence numbers and never get
 * there; a prefix whose id did would be refused rather than collide.
 */
public final class KeaSubnetIds {

    /** Kea 2.2's largest subnet id ({@code 2^32 − 2}); it refuses larger ones. */
    public static final long MAX = 4_294_967_294L;

    /** First id reserved for subnets from settings ({@code 2^32 − 2^16}). */
    public static final long RESERVED_FROM = 4_294_901_760L;

    /** The probe subnet's id. */
    public static final long PROBE = MAX;

    /** The server network's id. */
    public static final long SERVER_NETWORK = MAX - 1;

    private KeaSubnetIds() {}

    /**
     * The id of a NetBox subnet.
     *
     * @throws KeaRenderException when the prefix id is outside 1 … {@link #RESERVED_FROM} − 1
     */
    static long of(Subnet subnet) {
        NetBoxObject source = subnet.source();
        if (source.id() < 1 || source.id() >= RESERVED_FROM) {
            throw new KeaRenderException(
                    source,
                    "NetBox id "
                            + source.id()
                            + " is outside the Kea subnet ids 1.."
                            + (RESERVED_FROM - 1)
                            + " (the ids above are reserved for the probe and server-network subnets)");
        }
        return source.id();
    }
}
