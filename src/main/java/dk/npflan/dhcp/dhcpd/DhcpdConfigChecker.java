package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.backend.CheckProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
        return check(configFile, Map.of());
    }

    /**
     * As {@link #check(Path)}, showing the files in {@code names} under those names in the output
     * (the agent's run directory under the bundle's file names).
     */
    public ConfigCheck check(Path configFile, Map<Path, String> names) {
        return start("check", dir -> new Written(configFile, names)).finish();
    }

    /**
     * Writes the files and starts {@code dhcpd -t} on them without waiting, so several runs can go
     * in parallel; {@link Run#finish()} collects the verdict.
     *
     * @param label part of the temp dir's name (e.g. the role)
     */
    public Run start(String label, ConfigFiles files) {
        return new Run(
                CheckProcess.start(
                        tempRoot,
                        label,
                        List.of(),
                        dir -> {
                            Written written = files.writeInto(dir);
                            return new CheckProcess.Launch(
                                    command(written.configFile(), dir), Map.of(), written.names());
                        }));
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

    /** One started (or failed to start) {@code dhcpd -t}. */
    public final class Run {
        private final CheckProcess check;

        private Run(CheckProcess check) {
            this.check = check;
        }

        /**
         * Waits for dhcpd until the timeout counted from this run's start, kills it past that, and
         * removes the temp dir whatever happens.
         */
        public ConfigCheck finish() {
            CheckProcess.Ending ending = check.finish(timeout);
            if (ending instanceof CheckProcess.Ending.Exited exited) {
                return ConfigCheck.of(exited.exitCode(), exited.output(), exited.elapsed());
            }
            if (ending instanceof CheckProcess.Ending.TimedOut timedOut) {
                return ConfigCheck.timedOut(timeout, timedOut.output(), timedOut.elapsed());
            }
            return ConfigCheck.notRun(
                    "cannot run " + binary + " -t: " + ((CheckProcess.Ending.NotRun) ending).why());
        }
    }
}
