package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.dhcpd.ConfigCheck;
import dk.npflan.dhcp.dhcpd.DhcpdError;
import dk.npflan.dhcp.peer.AgentApi;
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
 * answers, the {@link ApplyAnswer}s every server kind gives.
 */
public final class RestartRequestHandler {

    private static final Logger LOG = Logger.getLogger(RestartRequestHandler.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

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

    public ApplyAnswer handle(String expectedHash) throws InterruptedException {
        if (!busy.compareAndSet(false, true)) {
            return new ApplyAnswer.InProgress();
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
                return new ApplyAnswer.HashMismatch(expectedHash, mountedHash);
            }
            WatchdogStatus status = watchdog.status();
            if (status.running() && status.runningHash().equals(mountedHash)) {
                return new ApplyAnswer.AlreadyRunning(expectedHash);
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
    public ApplyAnswer handleInPlace(String expectedHash) throws InterruptedException {
        if (!busy.compareAndSet(false, true)) {
            return new ApplyAnswer.InProgress();
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
                return new ApplyAnswer.NotRunning(
                        expectedHash,
                        status.running() ? running.map(RenderedConfig::sha256) : Optional.empty());
            }
            LOG.infof("restarting dhcpd in place on config %s (re-pair)", expectedHash);
            return restart(running.get());
        } finally {
            busy.set(false);
        }
    }

    private ApplyAnswer restart(RenderedConfig bundle) throws InterruptedException {
        RestartOutcome outcome = watchdog.restartWith(bundle, startTimeout);
        if (outcome instanceof RestartOutcome.Rejected rejected) {
            ConfigCheck check = rejected.check();
            return new ApplyAnswer.ConfigInvalid(
                    "dhcpd -t rejects the mounted config with this peer's files and key; dhcpd was not"
                            + " touched",
                    List.of(fileError(check.error().orElseGet(() -> noError(check)))));
        }
        afterRestart.run();
        if (outcome instanceof RestartOutcome.Restarted r) {
            return new ApplyAnswer.Applied(r.runningHash(), r.pid(), r.took());
        }
        return new ApplyAnswer.Failed(
                "start-failed", ((RestartOutcome.StartFailed) outcome).error());
    }

    private static AgentApi.FileError fileError(DhcpdError error) {
        return new AgentApi.FileError(
                error.file().orElse(null),
                error.line().isPresent() ? error.line().getAsInt() : null,
                error.message());
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
