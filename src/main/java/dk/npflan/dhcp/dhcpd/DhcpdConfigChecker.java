package dk.npflan.dhcp.dhcpd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The one runner of the real {@code dhcpd -t}: supervision checks a config on disk before every
 * start, validation checks both role variants of a rendered config in parallel. Each run gets its
 * own temp dir (for the files to check, dhcpd's output, and a lease and pid file that the check can
 * never confuse with the real ones), removed on every path out; each run's timeout counts from the
 * start of its own process. Never {@code -q}: with it dhcpd's errors go only to syslog.
 */
public final class DhcpdConfigChecker {

    /** Writes what one run checks into its temp dir. */
    @FunctionalInterface
    public interface ConfigFiles {
        /**
         * @param dir the run's fresh, empty temp dir
         * @return the config file to check, and for files in {@code dir} the name to show in output
         *     instead of their temp path; any other path below {@code dir} is shown as the absolute
         *     path it mirrors
         */
        Written writeInto(Path dir) throws IOException;
    }

    /** The config file to check and the display names of temp files. */
    public record Written(Path configFile, Map<Path, String> names) {
        public Written {
            names = Map.copyOf(names);
        }

        /** A file checked where it lies, output paths left as they are. */
        public static Written inPlace(Path configFile) {
            return new Written(configFile, Map.of());
        }
    }

    private static final String OUTPUT_FILE = "dhcpd-t.out";

    private final String binary;
    private final Duration timeout;
    private final Path tempRoot;

    public DhcpdConfigChecker(String binary, Duration timeout) {
        this(binary, timeout, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param tempRoot where the per-run temp dirs are created (tests check it is left empty)
     */
    public DhcpdConfigChecker(String binary, Duration timeout, Path tempRoot) {
        this.binary = binary;
        this.timeout = timeout;
        this.tempRoot = tempRoot;
    }

    public static DhcpdConfigChecker from(DhcpdProcessSettings settings) {
        return new DhcpdConfigChecker(settings.binary(), settings.checkTimeout());
    }

    public String binary() {
        return binary;
    }

    /** Checks a config where it lies on disk; returns when dhcpd has exited or was killed. */
    public ConfigCheck check(Path configFile) {
        return start("check", dir -> Written.inPlace(configFile)).finish();
    }

    /**
     * Writes the files and starts {@code dhcpd -t} on them without waiting, so several runs can go
     * in parallel; {@link Run#finish()} collects the verdict.
     *
     * @param label part of the temp dir's name (e.g. the role)
     */
    public Run start(String label, ConfigFiles files) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(tempRoot, "netbox-dhcpd-check-" + label + "-");
            Written written = files.writeInto(dir);
            Path output = dir.resolve(OUTPUT_FILE);
            Process process =
                    new ProcessBuilder(command(written.configFile(), dir))
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .start();
            long started = System.nanoTime();
            // when dhcpd exited, not when finish() got to it: with both roles in parallel the
            // second one is collected only after the first
            CompletableFuture<Long> exited = process.onExit().thenApply(p -> System.nanoTime());
            return new Run(dir, written, process, output, started, exited, null);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            return new Run(null, null, null, null, System.nanoTime(), null, failure(e));
        }
    }

    /** {@code dhcpd -4 -t -cf <conf> -lf <dir>/dhcpd.leases -pf <dir>/dhcpd.pid}. */
    List<String> command(Path configFile, Path dir) {
        return List.of(
                binary,
                "-4",
                "-t",
                "-cf",
                configFile.toString(),
                "-lf",
                dir.resolve("dhcpd.leases").toString(),
                "-pf",
                dir.resolve("dhcpd.pid").toString());
    }

    private String failure(Exception e) {
        return "cannot run "
                + binary
                + " -t: "
                + (e.getMessage() == null ? e.toString() : e.getMessage());
    }

    /** One started (or failed to start) {@code dhcpd -t}. */
    public final class Run {
        private final Path dir;
        private final Written written;
        private final Process process;
        private final Path output;
        private final long startedNanos;
        private final CompletableFuture<Long> exitedNanos;
        private final String startFailure;

        private Run(
                Path dir,
                Written written,
                Process process,
                Path output,
                long startedNanos,
                CompletableFuture<Long> exitedNanos,
                String startFailure) {
            this.dir = dir;
            this.written = written;
            this.process = process;
            this.output = output;
            this.startedNanos = startedNanos;
            this.exitedNanos = exitedNanos;
            this.startFailure = startFailure;
        }

        /**
         * Waits for dhcpd until the timeout counted from this run's start, kills it past that, and
         * removes the temp dir whatever happens.
         */
        public ConfigCheck finish() {
            if (process == null) {
                return ConfigCheck.notRun(startFailure);
            }
            try {
                long remaining = timeout.toNanos() - (System.nanoTime() - startedNanos);
                boolean exited = process.waitFor(Math.max(0, remaining), TimeUnit.NANOSECONDS);
                if (!exited) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                long now = System.nanoTime();
                Duration elapsed =
                        Duration.ofNanos((exited ? exitedNanos.getNow(now) : now) - startedNanos);
                String text = named(Files.readString(output, StandardCharsets.UTF_8));
                return exited
                        ? ConfigCheck.of(process.exitValue(), text, elapsed)
                        : ConfigCheck.timedOut(timeout, text, elapsed);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                return ConfigCheck.notRun("interrupted while waiting for dhcpd -t");
            } catch (IOException e) {
                return ConfigCheck.notRun("cannot read dhcpd -t output: " + e.getMessage());
            } finally {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
                delete(dir);
            }
        }

        private String named(String text) {
            String shown = text;
            for (Map.Entry<Path, String> name : written.names().entrySet()) {
                shown = shown.replace(name.getKey().toString(), name.getValue());
            }
            return shown.replace(dir.toString(), "");
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: what is left is a small dir under the temp root
        }
    }
}
