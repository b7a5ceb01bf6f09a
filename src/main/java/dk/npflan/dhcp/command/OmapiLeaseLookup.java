package dk.npflan.dhcp.command;

import dk.npflan.dhcp.omapi.BindingState;
import dk.npflan.dhcp.omapi.LeaseDetails;
import dk.npflan.dhcp.omapi.OmapiClient;
import dk.npflan.dhcp.omapi.OmapiException;
import java.util.Locale;

/**
 * A dhcpd peer's lease over OMAPI ({@code lease} object by {@code ip-address} or {@code
 * hardware-address}): what dhcpd holds in memory now, not the lease file. In a failover pair both
 * peers hold every lease, so asking both shows whether the binding update reached the partner.
 */
final class OmapiLeaseLookup implements LeaseLookup {

    private final OmapiAccess access;

    OmapiLeaseLookup(OmapiAccess access) {
        this.access = access;
    }

    @Override
    public PeerLease find(String server, LeaseQuery query) {
        try (OmapiClient client = access.connect(server)) {
            LeaseDetails lease =
                    query instanceof LeaseQuery.ByMac m
                            ? client.leaseDetails(m.bytes())
                            : client.leaseDetails(((LeaseQuery.ByAddress) query).address());
            return new PeerLease.Found(
                    lease.address().getHostAddress(),
                    lease.state().name().toLowerCase(Locale.ROOT),
                    lease.state() == BindingState.ACTIVE,
                    lease.mac(),
                    lease.clientHostname(),
                    lease.starts(),
                    lease.ends());
        } catch (OmapiException e) {
            return switch (e.reason()) {
                case NOT_FOUND -> new PeerLease.NotFound("dhcpd holds no lease for " + query);
                case SERVER_ERROR -> new PeerLease.NotFound(e.getMessage());
                default -> new PeerLease.Unreachable(e.getMessage());
            };
        }
    }
}
