package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.rollout.SubnetUtilization;
import java.util.List;
import java.util.Optional;

/**
 * One peer's pool counts as its agent reported them, or why it could not be asked: what {@link
 * PoolUsageCache} keeps between reads so that the status page never waits for an agent.
 */
public record PeerPoolUsage(String role, List<SubnetUtilization> subnets, Optional<String> error) {

    public PeerPoolUsage {
        subnets = List.copyOf(subnets);
    }

    public static PeerPoolUsage unavailable(String role, String why) {
        return new PeerPoolUsage(role, List.of(), Optional.of(why));
    }
}
