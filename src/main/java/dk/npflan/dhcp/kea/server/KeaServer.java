package dk.npflan.dhcp.kea.server;

import com.fasterxml.jackson.databind.JsonNode;
import dk.npflan.dhcp.kea.KeaSettings;
import dk.npflan.dhcp.kea.control.ConfigVerdict;
import dk.npflan.dhcp.kea.control.KeaControlClient;
import dk.npflan.dhcp.kea.control.KeaControlException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one real kea-dhcp4 ({@code kea-dhcp4 -c <file>}) and changes its config without a restart.
 * Unlike dhcpd, Kea reconfigures in place, so {@link #apply} is the normal path for a new config:
 *
 * <ol>
 *   <li>{@code list-commands}, to know which hook commands the running config provides;
 *   <li>{@code config-test}: rejected → {@link ApplyResult.Outcome#REJECTED}, nothing changed;
 *   <li>{@code config-set}: rejected → {@code SET_FAILED}, or {@code SET_FAILED_DEGRADED} when a
 *       second {@code list-commands} lacks commands the first had (Kea unloads the old hooks before
 *       it loads the new ones, and a hook whose parameters fail leaves them unloaded);
 *   <li>{@code config-write} to the config file (Kea's normalised form), so a restart keeps the new
 *       config: failed → {@code WRITE_FAILED}.
 * </ol>
 *
 * Start waits until the control socket answers {@code status-get}; stop asks with {@code shutdown},
 * then sends SIGTERM, then SIGKILL. The rendered config must name {@link
 * KeaSettings.Control#socket} as its unix {@code control-socket}.
 */
public final class KeaServer extends KeaDaemon {

    private final KeaControlClient control;
    private final Path configFile;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final Clock clock;

    /** Digest of the last config {@link #apply} set, for {@link ApplyResult#identical()}. */
    private volatile String lastApplied;

    public KeaServer(
            Path binary,
            Path configFile,
            Optional<Integer> port,
            Path runDir,
            KeaControlClient control,
            Duration startTimeout,
            Duration stopTimeout,
            int logLinesKept,
            Clock clock) {
        super(
                new KeaProcess(
                        "kea-dhcp4",
                        command(binary, configFile, port),
                        runDir,
                        logLinesKept,
                        clock));
        this.control = control;
        this.configFile = configFile;
        this.startTimeout = startTimeout;
        this.stopTimeout = stopTimeout;
        this.clock = clock;
    }

    private static List<String> command(Path binary, Path configFile, Optional<Integer> port) {
        List<String> command =
                new ArrayList<>(List.of(binary.toString(), "-c", configFile.toString()));
        port.ifPresent(p -> command.addAll(List.of("-p", Integer.toString(p))));
        return command;
    }

    /** kea-dhcp4 as configured, serving {@code configFile}. */
    public static KeaServer from(KeaSettings settings, Path configFile) {
        KeaSettings.Server server = settings.server();
        return new KeaServer(
                Path.of(settings.binary()),
                configFile,
                server.port(),
                Path.of(server.runDir()),
                KeaControlClient.from(settings),
                server.startTimeout(),
                server.stopTimeout(),
                server.logLinesKept(),
                Clock.systemUTC());
    }

    /** Launches kea-dhcp4 and waits until its control socket answers {@code status-get}. */
    @Override
    public KeaStart start() throws InterruptedException {
        return process.start(control::statusGet, startTimeout);
    }

    /** {@code shutdown}, then SIGTERM, then SIGKILL, each given the stop timeout. */
    @Override
    public KeaStop stop() throws InterruptedException {
        return process.stop(control::shutdown, stopTimeout);
    }

    /** Tests, sets and writes {@code dhcp4} (the value of {@code Dhcp4}) to the config file. */
    public ApplyResult apply(JsonNode dhcp4) {
        return apply(dhcp4, configFile);
    }

    /** As {@link #apply(JsonNode)}, writing the config to {@code writeTo}. */
    public ApplyResult apply(JsonNode dhcp4, Path writeTo) {
        String digest = ConfigDigest.of(dhcp4);
        boolean identical = digest.equals(lastApplied);
        Steps steps = new Steps(identical);
        try {
            List<String> commandsBefore = control.listCommands();
            ConfigVerdict test = steps.timed(() -> control.configTest(dhcp4), Phase.TEST);
            if (!test.accepted()) {
                return steps.result(ApplyResult.Outcome.REJECTED, test.text());
            }
            ConfigVerdict set = steps.timed(() -> control.configSet(dhcp4), Phase.SET);
            if (!set.accepted()) {
                List<String> lost = new ArrayList<>(commandsBefore);
                lost.removeAll(control.listCommands());
                steps.lost = lost;
                return steps.result(
                        lost.isEmpty()
                                ? ApplyResult.Outcome.SET_FAILED
                                : ApplyResult.Outcome.SET_FAILED_DEGRADED,
                        set.text());
            }
            lastApplied = digest;
            try {
                steps.timed(() -> control.configWrite(writeTo), Phase.WRITE);
            } catch (KeaControlException e) {
                return steps.result(ApplyResult.Outcome.WRITE_FAILED, e.getMessage());
            }
            return steps.result(ApplyResult.Outcome.APPLIED, set.text());
        } catch (KeaControlException e) {
            return steps.result(ApplyResult.Outcome.NO_ANSWER, e.getMessage());
        }
    }

    /** The control client this server is reached by. */
    public KeaControlClient control() {
        return control;
    }

    public Path configFile() {
        return configFile;
    }

    /**
     * kea-dhcp4's most recent output lines (as its {@code loggers} send to stdout), oldest first.
     */

    /** One step of {@link #apply}: a control call that may fail. */
    @FunctionalInterface
    private interface Step<T> {
        T run() throws KeaControlException;
    }

    /** The timed steps of {@link #apply}. */
    private enum Phase {
        TEST,
        SET,
        WRITE
    }

    /** The timings and findings of one {@link #apply}, turned into its result. */
    private final class Steps {
        private final boolean identical;
        private final Map<Phase, Duration> took = new EnumMap<>(Phase.class);
        private List<String> lost = List.of();

        Steps(boolean identical) {
            this.identical = identical;
        }

        <T> T timed(Step<T> step, Phase phase) throws KeaControlException {
            Instant started = clock.instant();
            try {
                return step.run();
            } finally {
                took.put(phase, Duration.between(started, clock.instant()));
            }
        }

        ApplyResult result(ApplyResult.Outcome outcome, String text) {
            return new ApplyResult(
                    outcome,
                    text,
                    identical,
                    lost,
                    took.getOrDefault(Phase.TEST, Duration.ZERO),
                    took.getOrDefault(Phase.SET, Duration.ZERO),
                    took.getOrDefault(Phase.WRITE, Duration.ZERO));
        }
    }
}
