package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.dhcpd.ConfigCheck;
import dk.npflan.dhcp.dhcpd.DhcpdError;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The decisions of {@code POST /restart}, in this order: one request at a time (409 {@code
 * restart-in-progress}); the mounted bundle must hash to the expected one (409 {@code
 * hash-mismatch}); already running it → nothing to do (200, not restarted); then {@link
 * DhcpdWatchdog#restartWith}: {@code dhcpd -t} with the real key on the run directory it would
 * start, while the working dhcpd serves (422 {@code config-invalid}, dhcpd untouched), stop + start
 * in place and wait until dhcpd serves (200) or report why it did not (500 {@code start-failed},
 * dhcpd back on the bundle that last served). This is the only way a new bundle reaches this peer:
 * a restart of the agent boots the kept one. An in-place restart ({@link #handleInPlace}) starts
 * dhcpd again on the bundle it runs, so that it resolves its partner again (re-pairing); it never
 * changes the config. Authentication and JSON are the HTTP layer's job; this class returns typed
 * answers.
 */
public final class RestartRequestHandler {

    private static final Logger LOG = Logger.getLogger(RestartRequestHandler.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** The answer to one request. */
    public sealed interface Answer {
        record InProgress() implements Answer {}

        record HashMismatch(String expected, Optional<String> mounted) implements Answer {}

        record AlreadyRunning(String runningHash) implements Answer {}

        record ConfigInvalid(List<DhcpdError> errors) implements Answer {}

        record Done(RestartOutcome outcome) implements Answer {}

        /** An in-place restart asked for a config dhcpd does not run (or dhcpd is down). */
        record NotRunning(String expected, Optional<String> running) implements Answer {}
    }

    private final DhcpdWatchdog watchdog;
    private final Path configDir;
    private final Duration startTimeout;
    private final Runnable afterRestart;
    private final AtomicBoolean busy = new AtomicBoolean();

    public RestartRequestHandler(
            DhcpdWatchdog watchdog, Path configDir, Duration startTimeout, Runnable afterRestart) {
        this.watchdog = watchdog;
        this.configDir = configDir;
        this.startTimeout = startTimeout;
        this.afterRestart = afterRestart;
    }

    /** Whether {@code hash} looks like a config hash (64 lower-case hex digits). */
    public static boolean isHash(String hash) {
        return hash != null && SHA256.matcher(hash).matches();
    }

    public Answer handle(String expectedHash) throws InterruptedException {
        if (!busy.compareAndSet(false, true)) {
            return new Answer.InProgress();
        }
        try {
            Optional<RenderedConfig> mounted;
            try {
                mounted = BundleFiles.read(configDir);
            } catch (UncheckedIOException e) {
                mounted = Optional.empty();
            }
            Optional<String> mountedHash = mounted.map(RenderedConfig::sha256);
            if (mountedHash.isEmpty() || !mountedHash.get().equals(expectedHash)) {
                LOG.infof(
                        "restart refused: expected config %s, mounted %s",
                        expectedHash, mountedHash.orElse("none"));
                return new Answer.HashMismatch(expectedHash, mountedHash);
            }
            WatchdogStatus status = watchdog.status();
            if (status.running() && status.runningHash().equals(mountedHash)) {
                return new Answer.AlreadyRunning(expectedHash);
            }
            return restart(mounted.get());
        } finally {
            busy.set(false);
        }
    }

    /**
     * Stops dhcpd and starts it again on the bundle it runs, which must hash to {@code
     * expectedHash}; the mounted bundle does not matter (a newer one may wait for its rollout). The
     * same check before the stop as for a new bundle (the key may have been rotated since).
     */
    public Answer handleInPlace(String expectedHash) throws InterruptedException {
        if (!busy.compareAndSet(false, true)) {
            return new Answer.InProgress();
        }
        try {
            WatchdogStatus status = watchdog.status();
            Optional<RenderedConfig> running = watchdog.runningBundle();
            if (!status.running()
                    || running.isEmpty()
                    || !running.get().sha256().equals(expectedHash)) {
                LOG.infof(
                        "in-place restart refused: expected config %s, dhcpd %s %s",
                        expectedHash,
                        status.running() ? "runs" : "is down, last ran",
                        running.map(RenderedConfig::sha256).orElse("nothing"));
                return new Answer.NotRunning(
                        expectedHash,
                        status.running() ? running.map(RenderedConfig::sha256) : Optional.empty());
            }
            LOG.infof("restarting dhcpd in place on config %s (re-pair)", expectedHash);
            return restart(running.get());
        } finally {
            busy.set(false);
        }
    }

    private Answer restart(RenderedConfig bundle) throws InterruptedException {
        RestartOutcome outcome = watchdog.restartWith(bundle, startTimeout);
        if (outcome instanceof RestartOutcome.Rejected rejected) {
            ConfigCheck check = rejected.check();
            return new Answer.ConfigInvalid(
                    check.error().map(List::of).orElse(List.of(noError(check))));
        }
        afterRestart.run();
        return new Answer.Done(outcome);
    }

    private static DhcpdError noError(ConfigCheck check) {
        return new DhcpdError(
                Optional.empty(),
                java.util.OptionalInt.empty(),
                check.firstError()
                        .orElse(
                                "dhcpd -t "
                                        + check.verdict()
                                        + " (exit "
                                        + check.exitCode()
                                        + ")"));
    }
}
