package dk.npflan.dhcp.backend;

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
 * One run of a server's offline config check ({@code dhcpd -t}, {@code kea-dhcp4 -t}) the way every
 * backend needs it: in a temp dir of its own (for the files checked, the output and whatever pid or
 * lock file the check writes), bounded by a timeout counted from its own start, killed past it, the
 * dir removed on every path out, and temp paths left out of the output an operator reads. Runs can
 * be started side by side and collected one after the other: each one's time ends when its process
 * exited, not when {@link #finish} got to it. The backend maps the {@link Ending} onto its own
 * verdict.
 */
public final class CheckProcess {

    private static final String OUTPUT_FILE = "check.out";

    /** Writes what one run checks into its fresh temp dir and says how to start the check. */
    @FunctionalInterface
    public interface Setup {
        /**
         * @param dir the run's fresh, empty temp dir
         */
        Launch prepare(Path dir) throws IOException;
    }

    /**
     * The check's command line and environment changes, and for files in the temp dir the name to
     * show in the output instead of their temp path (any other path below the dir is shown as the
     * path it mirrors below it).
     */
    public record Launch(
            List<String> command, Map<String, String> environment, Map<Path, String> names) {
        public Launch {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
            names = Map.copyOf(names);
        }
    }

    /** How a run ended. */
    public sealed interface Ending {
        /** The check could not run to a verdict; {@code why} says what stopped it. */
        record NotRun(String why, Duration elapsed) implements Ending {}

        /** The check exited with {@code exitCode}. */
        record Exited(int exitCode, String output, Duration elapsed) implements Ending {}

        /** Killed at the timeout; {@code output} is what it printed until then. */
        record TimedOut(Duration timeout, String output, Duration elapsed) implements Ending {}
    }

    private final Path dir;
    private final Map<Path, String> names;
    private final Process process;
    private final long startedNanos;
    private final CompletableFuture<Long> exitedNanos;
    private final String startFailure;

    private CheckProcess(
            Path dir,
            Map<Path, String> names,
            Process process,
            long startedNanos,
            CompletableFuture<Long> exitedNanos,
            String startFailure) {
        this.dir = dir;
        this.names = names;
        this.process = process;
        this.startedNanos = startedNanos;
        this.exitedNanos = exitedNanos;
        this.startFailure = startFailure;
    }

    /**
     * Creates the temp dir under {@code tempRoot}, lets {@code setup} fill it and starts the check
     * without waiting for it.
     *
     * @param label part of the temp dir's name (e.g. the backend and role)
     * @param dropInherited prefixes of inherited environment variables the check must not see (e.g.
     *     {@code KEA_}, so it cannot write next to a running server)
     */
    public static CheckProcess start(
            Path tempRoot, String label, List<String> dropInherited, Setup setup) {
        long started = System.nanoTime();
        Path dir = null;
        try {
            dir = Files.createTempDirectory(tempRoot, "netbox-dhcpd-check-" + label + "-");
            Launch launch = setup.prepare(dir);
            ProcessBuilder builder =
                    new ProcessBuilder(launch.command())
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve(OUTPUT_FILE).toFile());
            Map<String, String> env = builder.environment();
            dropInherited.forEach(prefix -> env.keySet().removeIf(k -> k.startsWith(prefix)));
            env.putAll(launch.environment());
            Process process = builder.start();
            started = System.nanoTime();
            CompletableFuture<Long> exited = process.onExit().thenApply(p -> System.nanoTime());
            return new CheckProcess(dir, launch.names(), process, started, exited, null);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            return new CheckProcess(null, Map.of(), null, started, null, why);
        }
    }

    /**
     * Waits until {@code timeout} counted from this run's start, kills the check past it, and
     * removes the temp dir whatever happens.
     */
    public Ending finish(Duration timeout) {
        if (process == null) {
            return new Ending.NotRun(startFailure, Duration.ZERO);
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
            String output =
                    shown(Files.readString(dir.resolve(OUTPUT_FILE), StandardCharsets.UTF_8));
            return exited
                    ? new Ending.Exited(process.exitValue(), output, elapsed)
                    : new Ending.TimedOut(timeout, output, elapsed);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Ending.NotRun("interrupted while waiting for the check", elapsed());
        } catch (IOException e) {
            return new Ending.NotRun(
                    "cannot read the check's output: " + e.getMessage(), elapsed());
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            delete(dir);
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private String shown(String text) {
        String shown = text;
        for (Map.Entry<Path, String> name : names.entrySet()) {
            shown = shown.replace(name.getKey().toString(), name.getValue());
        }
        return shown.replace(dir.toString(), "");
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
