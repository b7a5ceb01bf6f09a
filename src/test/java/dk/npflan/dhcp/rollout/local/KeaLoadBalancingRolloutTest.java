package dk.npflan.dhcp.rollout.local;

import dk.npflan.dhcp.kea.HaMode;

/**
 * {@link KeaPairRollout} in load-balancing ({@code netbox-dhcpd.kea.ha.mode}): each peer answers
 * its hashed half of the clients, so the rollout must have the partner take over both scopes while
 * each peer in turn runs its {@code config-set} (docs/kea.md, "Load-balancing through the roller").
 */
class KeaLoadBalancingRolloutTest extends KeaPairRollout {

    KeaLoadBalancingRolloutTest() {
        super(HaMode.LOAD_BALANCING);
    }
}
