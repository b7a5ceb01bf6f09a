package dk.npflan.dhcp.rollout;

/**
 * How full one subnet's pools are, as a peer's agent exports it ({@code
 * dhcpd_subnet_utilization_ratio} and its companions on {@code /metrics}): what the status page's
 * pool bars show. Only subnets with ranges have one.
 *
 * @param subnet the subnet's CIDR, from the running config
 * @param utilization active over all range addresses, 0..1
 * @param active addresses with an active lease, -1 when the agent did not export the count
 * @param size addresses in the subnet's ranges, -1 when not exported
 */
public record SubnetUtilization(String subnet, double utilization, long active, long size) {}
