package dk.npflan.dhcp.agent.leases;

import java.util.List;

/**
 * The address pools of a running dhcpd.conf: what the pool counts are computed over, and what
 * bounds the label set of the pool metrics (one series set per subnet and range, never per client).
 *
 * @param subnets every subnet declaration, in file order, including those without ranges
 * @param problems what the tolerant parser dropped or could not read (first few, for logs)
 * @param problemCount how many problems there were in all
 */
public record PoolLayout(List<ConfiguredSubnet> subnets, List<String> problems, int problemCount) {

    public static final PoolLayout EMPTY = new PoolLayout(List.of(), List.of(), 0);

    public PoolLayout {
        subnets = List.copyOf(subnets);
        problems = List.copyOf(problems);
    }

    public int rangeCount() {
        return subnets.stream().mapToInt(s -> s.ranges().size()).sum();
    }
}
