package dk.npflan.dhcp.agent.leases;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.Random;

/**
 * Benchmark for docs/benchmarks.md (not a test): the lease file at the 10,000 × 241 scale. {@code
 * generate <dir> [pools]} writes {@code dhcpd.conf} (renderer layout, one /24 pool per subnet,
 * range .4–.244 = 241 addresses) and {@code dhcpd.leases} (one realistic ~200-byte block per
 * address, dhcpd 4.4's statement order, mixed states) into {@code dir}; {@code run <dir>} measures
 * the full parse, an incremental poll after appending 1,000 leases, and the Prometheus scrape of
 * all pool gauges, and prints heap figures; {@code parse <dir>} stops before the registry. Run
 * through {@code src/bench/leases/run.sh}.
 */
public final class LeaseBenchmark {

    private static final String[] STATES = {"active", "free", "backup", "expired"};

    private LeaseBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/nbd-lease-bench");
        switch (args.length > 0 ? args[0] : "run") {
            case "generate" -> generate(dir, args.length > 2 ? Integer.parseInt(args[2]) : 10_000);
            case "parse" -> run(dir, null);
            case "run" ->
                    run(
                            dir,
                            args.length > 2
                                    ? PoolMetricsDetail.valueOf(args[2])
                                    : PoolMetricsDetail.SUBNETS_AND_RANGES);
            default ->
                    throw new IllegalArgumentException(
                            "generate <dir> [pools] | parse <dir> | run <dir> [SUBNETS|SUBNETS_AND_RANGES]");
        }
    }

    static void generate(Path dir, int pools) throws IOException {
        Files.createDirectories(dir);
        try (BufferedWriter conf = Files.newBufferedWriter(dir.resolve("dhcpd.conf"))) {
            conf.write("authoritative;\nsubnet 10.90.0.0 netmask 255.255.0.0 {\n}\n");
            for (int p = 0; p < pools; p++) {
                String net = net(p);
                conf.write(
                        "\n# prefix "
                                + p
                                + " "
                                + net
                                + ".0/24 vrf npflan role Access: bench\nsubnet "
                                + net
                                + ".0 netmask 255.255.255.0 {\n    option routers "
                                + net
                                + ".1;\n    pool {\n        failover peer \"failover-partner\";\n"
                                + "        range "
                                + net
                                + ".4 "
                                + net
                                + ".244;\n    }\n}\n");
            }
        }
        Random random = new Random(2400);
        try (BufferedWriter leases = Files.newBufferedWriter(dir.resolve("dhcpd.leases"))) {
            leases.write(
                    "# The format of this file is documented in the dhcpd.leases(5) manual page.\n"
                            + "# This lease file was written by isc-dhcp-4.4.3-P1\n\n"
                            + "authoring-byte-order little-endian;\n\n");
            for (int p = 0; p < pools; p++) {
                for (int host = 4; host <= 244; host++) {
                    leases.write(block(net(p) + "." + host, random));
                }
            }
        }
    }

    /** One block as dhcpd 4.4 writes an active failover lease (~200–250 bytes). */
    private static String block(String address, Random random) {
        String state = STATES[Math.min(3, (int) (random.nextDouble() * 4.4) % 4)];
        StringBuilder b = new StringBuilder(256);
        b.append("lease ").append(address).append(" {\n");
        b.append("  starts 2 2026/12/01 07:01:00;\n  ends 2 2026/12/01 09:01:00;\n");
        b.append("  tstp 2 2026/12/01 09:01:00;\n  tsfp 2 2026/12/01 08:01:00;\n");
        b.append("  cltt 2 2026/12/01 07:01:00;\n");
        b.append("  binding state ").append(state).append(";\n");
        if (state.equals("active")) {
            b.append("  next binding state expired;\n  hardware ethernet ");
            for (int i = 0; i < 6; i++) {
                b.append(i == 0 ? "" : ":").append(String.format("%02x", random.nextInt(256)));
            }
            b.append(";\n  client-hostname \"host-")
                    .append(random.nextInt(100_000))
                    .append("\";\n");
        }
        return b.append("}\n").toString();
    }

    private static String net(int p) {
        return "10." + (p / 256) + "." + (p % 256);
    }

    static void run(Path dir, PoolMetricsDetail detail) throws IOException {
        Path conf = dir.resolve("dhcpd.conf");
        Path leases = dir.resolve("dhcpd.leases");
        System.out.printf(
                "file: %,d bytes; config %,d bytes; -Xmx %,d MB%n",
                Files.size(leases), Files.size(conf), Runtime.getRuntime().maxMemory() >> 20);
        long heapBefore = usedHeapAfterGc();
        resetPeaks();

        long c0 = cpu();
        long t0 = System.nanoTime();
        PoolLayout layout = PoolLayoutParser.parse(conf);
        long t1 = System.nanoTime();
        long c1 = cpu();
        LeaseFileReader reader = new LeaseFileReader(leases);
        PoolUsageMonitor monitor = new PoolUsageMonitor(reader, Clock.systemUTC());
        monitor.useLayout(layout);
        LeasePoll full = reader.poll();
        long t2 = System.nanoTime();
        long c2 = cpu();
        PoolUsage usage = monitor.refresh(); // file unchanged since the poll: only the recompute
        long t3 = System.nanoTime();
        long c3 = cpu();
        System.out.printf(
                "config parse: %.0f ms wall / %.0f ms cpu (%d subnets, %d ranges)%n",
                ms(t1 - t0), ms(c1 - c0), layout.subnets().size(), layout.rangeCount());
        System.out.printf(
                "full parse: %.0f ms wall / %.0f ms cpu, %,d bytes, %,d leases, %,d distinct,"
                        + " table %,d bytes%n",
                ms(t2 - t1),
                ms(c2 - c1),
                full.bytesRead(),
                full.leasesApplied(),
                reader.table().size(),
                reader.table().footprintBytes());
        System.out.printf(
                "pool usage compute: %.0f ms wall / %.0f ms cpu%n", ms(t3 - t2), ms(c3 - c2));
        long peakParse = peakHeap();

        Random random = new Random(1);
        StringBuilder more = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            more.append(
                    block(
                            net(random.nextInt(layout.subnets().size() - 1))
                                    + "."
                                    + (4 + random.nextInt(241)),
                            random));
        }
        long original = Files.size(leases);
        try {
            for (int round = 0; round < 3; round++) {
                Files.writeString(leases, more, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                long a = System.nanoTime();
                long ac = cpu();
                LeasePoll poll = reader.poll();
                long b = System.nanoTime();
                long bc = cpu();
                PoolUsage after = PoolUsage.compute(layout, reader.table());
                long c = System.nanoTime();
                long cc = cpu();
                System.out.printf(
                        "incremental poll after appending 1,000 leases: %.1f ms wall / %.1f ms cpu"
                                + " (%,d bytes read, %s); recompute %.0f ms wall / %.0f ms cpu%n",
                        ms(b - a),
                        ms(bc - ac),
                        poll.bytesRead(),
                        poll.kind(),
                        ms(c - b),
                        ms(cc - bc));
                if (after.leases() != reader.table().size()) {
                    throw new IllegalStateException("inconsistent");
                }
            }
            monitor.refresh();
        } finally {
            try (FileChannel channel = FileChannel.open(leases, StandardOpenOption.WRITE)) {
                channel.truncate(original); // re-runnable on the same generated file
            }
        }

        if (detail
                == null) { // "parse": no registry, to show the parse's own bound with a small -Xmx
            System.out.printf(
                    "heap: peak during parse+compute %,d MB; retained after GC %,d MB%n",
                    peakParse >> 20, usedHeapAfterGc() >> 20);
            return;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        long r0 = System.nanoTime();
        long rc0 = cpu();
        new PoolUsageMetrics(monitor, detail).bindTo(registry);
        long r1 = System.nanoTime();
        long rc1 = cpu();
        System.out.printf(
                "binder bindTo (%s): %.0f ms wall / %.0f ms cpu%n",
                detail, ms(r1 - r0), ms(rc1 - rc0));
        double[] scrapes = new double[7];
        double[] scrapesCpu = new double[7];
        int length = 0;
        int series = 0;
        for (int i = 0; i < scrapes.length; i++) {
            long s0 = System.nanoTime();
            long sc0 = cpu();
            String text = registry.scrape();
            scrapes[i] = ms(System.nanoTime() - s0);
            scrapesCpu[i] = ms(cpu() - sc0);
            length = text.length();
            series = (int) text.lines().filter(l -> !l.startsWith("#")).count();
        }
        System.out.printf(
                "scrape: %d series, %,d bytes; wall ms %s; cpu ms %s (first is cold)%n",
                series,
                length,
                Arrays.toString(round(scrapes)),
                Arrays.toString(round(scrapesCpu)));
        long peakAll = peakHeap();
        long retained = usedHeapAfterGc();
        System.out.printf(
                "heap: before %,d MB; peak during parse+compute %,d MB; peak overall %,d MB;"
                        + " retained after GC with registry %,d MB%n",
                heapBefore >> 20, peakParse >> 20, peakAll >> 20, retained >> 20);
        if (usage.subnets().isEmpty() || registry.getMeters().isEmpty()) {
            throw new IllegalStateException("nothing measured");
        }
    }

    /** This thread's CPU time: the figure that load from other processes does not inflate. */
    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 10) / 10.0).toArray();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the peak heap in use. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
