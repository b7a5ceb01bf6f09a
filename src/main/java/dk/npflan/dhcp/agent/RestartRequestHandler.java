package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.dhcpd.DhcpdError;
import dk.npflan.dhcp.dhcpd.DhcpdSyntaxChecker;
import dk.npflan.dhcp.dhcpd.RoleCheck;
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
 * hash-mismatch}); already running it → nothing to do (200, not restarted); {@code dhcpd -t} on the
 * mounted files for this role (422 {@code config-invalid}, dhcpd untouched); then stop + start in
 * place and wait until dhcpd serves (200) or report why it did not (500 {@code start-failed}). An
 * in-place restart ({@link #handleInPlace}) starts dhcpd again on the bundle it runs, so that it
 * resolves its partner again (re-pairing); it never changes the config. Authentication and JSON are
 * the HTTP layer's job; this class returns typed answers.
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
    private final DhcpdSyntaxChecker checker;
    private final Path configDir;
    private final PeerRole role;
    private final Duration startTimeout;
    private final Runnable afterRestart;
    private final AtomicBoolean busy = new AtomicBoolean();

    public RestartRequestHandler(
            DhcpdWatchdog watchdog,
            DhcpdSyntaxChecker checker,
            Path configDir,
            PeerRole role,
            Duration startTimeout,
            Runnable afterRestart) {
        this.watchdog = watchdog;
        this.checker = checker;
        this.configDir = configDir;
        this.role = role;
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
            RoleCheck check = checker.check(mounted.get(), role);
            if (!check.isValid()) {
                LOG.warnf("restart refused, mounted config %s: %s", expectedHash, check);
                return new Answer.ConfigInvalid(
                        check.error().map(List::of).orElse(List.of(noError(check))));
            }
            RestartOutcome outcome = watchdog.restartWith(mounted.get(), startTimeout);
            afterRestart.run();
            return new Answer.Done(outcome);
        } finally {
            busy.set(false);
        }
    }

    /**
     * Stops dhcpd and starts it again on the bundle it runs, which must hash to {@code
     * expectedHash}; the mounted bundle does not matter (a newer one may wait for its rollout). No
     * {@code dhcpd -t} beforehand: this bundle runs now, and the supervisor checks it before the
     * start anyway.
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
            RestartOutcome outcome = watchdog.restartWith(running.get(), startTimeout);
            afterRestart.run();
            return new Answer.Done(outcome);
        } finally {
            busy.set(false);
        }
    }

    private static DhcpdError noError(RoleCheck check) {
        return new DhcpdError(
                Optional.empty(),
                java.util.OptionalInt.empty(),
                "dhcpd -t " + check.outcome() + " (exit " + check.check().exitCode() + ")");
    }
}
