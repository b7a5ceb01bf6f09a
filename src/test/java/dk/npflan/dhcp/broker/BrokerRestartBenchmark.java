package dk.npflan.dhcp.broker;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Benchmark for docs/benchmarks.md (not a test): how long {@link EmbeddedKafkaBroker#start()} takes
 * on an empty data dir, after a clean close, and on a data dir copied while the broker was running
 * (what a crash, {@code kill -9} or an exit that skips {@code close()} leaves). Run: {@code java
 * -cp target/classes:target/test-classes:<deps> dk.npflan.dhcp.broker.BrokerRestartBenchmark
 * [rounds]}.
 */
public final class BrokerRestartBenchmark {

    private BrokerRestartBenchmark() {}

    public static void main(String... args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (int round = 1; round <= rounds; round++) {
            Path root = Files.createTempDirectory("nbd-broker-bench");
            Path clean = root.resolve("clean");
            Path crashed = root.resolve("crashed");
            int port = freePort();
            int controller = freePort();
            EmbeddedKafkaBroker first = new EmbeddedKafkaBroker(clean, port, controller);
            long fresh = timeStart(first);
            copy(clean, crashed); // a snapshot of a running broker: no clean-shutdown marker
            first.close();
            EmbeddedKafkaBroker again = new EmbeddedKafkaBroker(clean, port, controller);
            long afterClean = timeStart(again);
            again.close();
            EmbeddedKafkaBroker recovered = new EmbeddedKafkaBroker(crashed, port, controller);
            long afterCrash = timeStart(recovered);
            recovered.close();
            System.out.printf(
                    "BROKER-BENCH round %d: fresh %d ms, after clean close %d ms, after crash %d ms%n",
                    round, fresh, afterClean, afterCrash);
        }
    }

    private static long timeStart(EmbeddedKafkaBroker broker) throws IOException {
        long start = System.nanoTime();
        broker.start();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!List.of(".lock").contains(source.getFileName().toString())) {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
