package dk.npflan.dhcp.agent.leases;

/**
 * How fine the pool series of {@link PoolUsageMetrics} are. At the 10,000-pool scale the full set
 * is ~180,000 series per dhcpd (docs/benchmarks.md): {@link #SUBNETS} halves that for installations
 * that only alert per subnet.
 */
public enum PoolMetricsDetail {
    /** {@code dhcpd_subnet_*} series only. */
    SUBNETS,
    /** {@code dhcpd_subnet_*} and per-range {@code dhcpd_pool_*} series. */
    SUBNETS_AND_RANGES
}
