package dk.npflan.dhcp.omapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Measures the OMAPI round trip against a real dhcpd ({@link LoneDhcpdPeer}): a fresh connection
 * (connect + intro + authenticator + open failover-state + close) and an open on a connection that
 * is already authenticated. Not a test: the name keeps it out of the normal suite; run it with
 * {@code ./mvnw -B -q test -Dtest=OmapiRoundTripBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Figures go to docs/benchmarks/omapi.md.
 */
class OmapiRoundTripBenchmark {

    private static final int WARMUP = 50;
    private static final int FRESH_RUNS = Integer.getInteger("omapi.bench.fresh", 300);
    private static final int REUSED_RUNS = Integer.getInteger("omapi.bench.reused", 1000);

    @Test
    void roundTrips() throws Exception {
        try (LoneDhcpdPeer dhcpd = LoneDhcpdPeer.start()) {
            OmapiKey key = dhcpd.key();
            long[] fresh = new long[FRESH_RUNS];
            for (int i = -WARMUP; i < FRESH_RUNS; i++) {
                long start = System.nanoTime();
                FailoverStatus status =
                        OmapiClient.readFailoverState(
                                dhcpd.dhcpdAddress,
                                LoneDhcpdPeer.OMAPI_PORT,
                                key,
                                OmapiTimeouts.DEFAULT,
                                LoneDhcpdPeer.PEER);
                long took = System.nanoTime() - start;
                assertThat(status.peerName()).isEqualTo(LoneDhcpdPeer.PEER);
                if (i >= 0) {
                    fresh[i] = took;
                }
            }
            long[] reused = new long[REUSED_RUNS];
            try (OmapiClient client = dhcpd.connect()) {
                for (int i = -WARMUP; i < REUSED_RUNS; i++) {
                    long start = System.nanoTime();
                    client.failoverState(LoneDhcpdPeer.PEER);
                    long took = System.nanoTime() - start;
                    if (i >= 0) {
                        reused[i] = took;
                    }
                }
            }
            System.out.println(summary("connect+auth+open failover-state+close", fresh));
            System.out.println(summary("open failover-state on an open connection", reused));
        }
    }

    private static String summary(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "OMAPI-BENCH %s: n=%d median=%.3f ms p99=%.3f ms min=%.3f ms max=%.3f ms",
                what,
                sorted.length,
                ms(percentile(sorted, 50)),
                ms(percentile(sorted, 99)),
                ms(sorted[0]),
                ms(sorted[sorted.length - 1]));
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
