package dk.npflan.dhcp.agent;

/**
 * Where the per-subnet and per-pool address metrics from the lease file join {@code /metrics}. The
 * lease-file parser and its {@code MeterBinder} are built in {@code dk.npflan.dhcp.agent.leases};
 * until that lands this binds nothing.
 */
final class LeaseMetricsHook {

    private LeaseMetricsHook() {}

    /** Binds the lease-file pool metrics for the running config and lease file. */
    static void bind(AgentCommand.AgentConfig config, AgentMetrics metrics) {
        // Hook: metrics.bind(new LeasePoolMetrics(...)) once dk.npflan.dhcp.agent.leases exists.
    }
}
