package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.dhcpd.FailoverHealth;
import dk.npflan.dhcp.omapi.FailoverCode;
import dk.npflan.dhcp.omapi.FailoverState;
import dk.npflan.dhcp.peer.HealthReading;

/**
 * The reading an agent in front of dhcpd reports for a failover state: scenarios are written in
 * dhcpd's states and reach the roller through the same mapping the agent uses.
 */
public final class DhcpdHealth {

    private DhcpdHealth() {}

    public static HealthReading of(FailoverState state) {
        return FailoverHealth.reading(new FailoverCode(state.code()));
    }
}
