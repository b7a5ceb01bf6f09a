package dk.npflan.dhcp.probe;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Latency summary over many probes ({@code probe --count N}), the figure the probe benchmark
 * reports: how many got a lease, and median / p99 / max latency of those that did (nearest-rank
 * percentiles), and the send paths the probes took.
 */
public record ProbeStatistics(
        int total,
        int ready,
        Map<ProbeFailure, Integer> failures,
        double medianMs,
        double p99Ms,
        double maxMs,
        Set<ProbePath> paths) {

    public static ProbeStatistics of(List<ProbeOutcome> outcomes) {
        Map<ProbeFailure, Integer> failures = new EnumMap<>(ProbeFailure.class);
        double[] latencies =
                outcomes.stream()
                        .filter(o -> o instanceof ProbeOutcome.Ready)
                        .mapToDouble(o -> o.latency().toNanos() / 1e6)
                        .sorted()
                        .toArray();
        outcomes.stream()
                .filter(o -> o instanceof ProbeOutcome.NotReady)
                .forEach(
                        o ->
                                failures.merge(
                                        ((ProbeOutcome.NotReady) o).failure(), 1, Integer::sum));
        return new ProbeStatistics(
                outcomes.size(),
                latencies.length,
                failures,
                rank(latencies, 0.50),
                rank(latencies, 0.99),
                latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1],
                outcomes.stream()
                        .flatMap(o -> o.path().stream())
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(ProbePath.class))));
    }

    public String describe() {
        return String.format(
                Locale.ROOT,
                "probes %d, ready %d, failures %s, latency median %.2f ms, "
                        + "p99 %.2f ms, max %.2f ms, via %s",
                total,
                ready,
                failures,
                medianMs,
                p99Ms,
                maxMs,
                paths);
    }

    private static double rank(double[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
