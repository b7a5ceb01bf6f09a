package dk.npflan.dhcp.command;

/** Asks one peer's server for a lease: OMAPI for dhcpd, the control agent for Kea. */
interface LeaseLookup {

    /**
     * @param server the peer as the operator named it (dhcpd: host; Kea: control agent URL)
     */
    PeerLease find(String server, LeaseQuery query);
}
