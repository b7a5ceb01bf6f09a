package dk.npflan.dhcp.kea.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.agent.ApplyAnswer;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.kea.KeaConfigChecker;
import dk.npflan.dhcp.kea.KeaConfigRenderer;
import dk.npflan.dhcp.kea.KeaError;
import dk.npflan.dhcp.kea.KeaRoleCheck;
import dk.npflan.dhcp.kea.KeaSettings;
import dk.npflan.dhcp.kea.control.ConfigVerdict;
import dk.npflan.dhcp.kea.control.HaHeartbeat;
import dk.npflan.dhcp.kea.control.KeaControlClient;
import dk.npflan.dhcp.kea.control.KeaControlException;
import dk.npflan.dhcp.kea.control.KeaHaState;
import dk.npflan.dhcp.kea.server.KeaStart;
import dk.npflan.dhcp.peer.AgentApi;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * {@code POST /restart} for a Kea peer: the mounted config is applied to the running kea-dhcp4 with
 * {@code config-set}, never by a restart, and the answer comes once the pair is back in its normal
 * state (docs/kea.md, "The apply gate", steps 2–5 and 8 for one peer):
 *
 * <ol>
 *   <li>One apply at a time (409 {@code restart-in-progress}); the mounted bundle must hash to the
 *       expected one (409 {@code hash-mismatch}).
 *   <li>It is what was last applied, and kea-dhcp4 runs: nothing to do (200, not restarted). An
 *       identical {@code config-set} would cost a full HA cycle.
 *   <li>Only with {@code apply.offline-check}: {@code kea-dhcp4 -t} of this role's file, offline in
 *       a temp dir (422 {@code config-invalid}, nothing touched); by default the listener's check
 *       of the same hashed bytes stands, and {@code config-set} refuses what Kea refuses. Always:
 *       every hook library exists here ({@link HookLibraries}; 422, nothing touched). Never {@code
 *       config-test} on the live server: it stops its service for as long as it runs.
 *   <li>Takeover: if this peer serves a scope (the primary in hot-standby, either peer in
 *       load-balancing), {@code ha-scopes} to the partner (its URL from the HA peers of the config
 *       being applied) with its own and this peer's scopes; refused or unanswered: 409 {@code
 *       takeover-refused}, nothing touched.
 *   <li>{@code config-set} with the whole {@code Dhcp4}; rejected: undo the takeover, 422 with
 *       Kea's text (Kea keeps its old subnets). Accepted: the run copy is the new config.
 *   <li>Wait, polling both peers' {@code ha-heartbeat} every {@code apply.poll-interval}, until
 *       both are in their normal state; fail fast on {@code terminated}, the partner in {@code
 *       partner-down}, a maintenance state, or this peer still {@code waiting} after two
 *       heartbeats; give up after {@code apply.gate-timeout}. A failed wait is 500 {@code
 *       pair-not-normal} with both last states, and the takeover is left in place (the partner
 *       keeps answering this peer's clients).
 *   <li>{@code config-write} if {@code apply.config-write} (before the takeover ends: the partner
 *       serves while it blocks this server).
 *   <li>End the takeover in the same poll that saw both normal: {@code ha-scopes} with the
 *       partner's own scopes. 200 restarted.
 * </ol>
 *
 * Without an HA hook in the config, steps 4, 6 and 8 do not apply. When kea-dhcp4 is not running,
 * it is started on the mounted bundle instead (as the dhcpd agent does).
 */
final class KeaApplyGate {

    private static final Logger LOG = Logger.getLogger(KeaApplyGate.class);

    private final KeaWatchdog watchdog;
    private final KeaRunFiles files;
    private final Supplier<Optional<RenderedConfig>> mounted;
    private final KeaConfigChecker checker;
    private final PeerRole role;
    private final KeaControlClient local;
    private final Function<URI, KeaControlClient> partners;
    private final KeaSettings.Apply settings;
    private final Runnable afterApply;
    private final Clock clock;
    private final AtomicBoolean busy = new AtomicBoolean();

    KeaApplyGate(
            KeaWatchdog watchdog,
            KeaRunFiles files,
            Supplier<Optional<RenderedConfig>> mounted,
            KeaConfigChecker checker,
            PeerRole role,
            KeaControlClient local,
            Function<URI, KeaControlClient> partners,
            KeaSettings.Apply settings,
            Runnable afterApply,
            Clock clock) {
        this.watchdog = watchdog;
        this.files = files;
        this.mounted = mounted;
        this.checker = checker;
        this.role = role;
        this.local = local;
        this.partners = partners;
        this.settings = settings;
        this.afterApply = afterApply;
        this.clock = clock;
    }

    ApplyAnswer apply(String expectedHash, boolean inPlace) throws InterruptedException {
        if (!busy.compareAndSet(false, true)) {
            return new ApplyAnswer.InProgress();
        }
        try {
            return inPlace ? restartInPlace(expectedHash) : applyMounted(expectedHash);
        } finally {
            busy.set(false);
        }
    }

    /** An apply (or restart in place) is under way. */
    boolean applying() {
        return busy.get();
    }

    private ApplyAnswer applyMounted(String expectedHash) throws InterruptedException {
        Instant began = clock.instant();
        ApplyLaps laps = new ApplyLaps(clock);
        Optional<RenderedConfig> bundle = mounted.get();
        Optional<String> mountedHash = bundle.map(RenderedConfig::sha256);
        if (!mountedHash.equals(Optional.of(expectedHash))) {
            LOG.infof(
                    "apply refused: expected config %s, mounted %s",
                    expectedHash, mountedHash.orElse("none"));
            return new ApplyAnswer.HashMismatch(expectedHash, mountedHash);
        }
        boolean serving = watchdog.serving();
        if (serving
                && watchdog.runningBundle()
                        .map(RenderedConfig::sha256)
                        .equals(Optional.of(expectedHash))) {
            return new ApplyAnswer.AlreadyRunning(expectedHash);
        }
        // a kea-dhcp4 that is down is started on the file, and a start on a bad file crash-loops
        if (settings.offlineCheck() || !serving) {
            KeaRoleCheck check = checker.check(bundle.get(), role);
            laps.lap("kea-dhcp4 -t");
            if (!check.passed()) {
                LOG.warnf("apply refused, mounted config %s: %s", expectedHash, check);
                return refusedByCheck(check);
            }
        }
        ObjectNode dhcp4 = files.dhcp4(bundle.get());
        List<String> missingHooks = HookLibraries.missing(dhcp4);
        if (!missingHooks.isEmpty()) {
            LOG.warnf(
                    "apply refused, mounted config %s: no hook library %s",
                    expectedHash, missingHooks);
            return new ApplyAnswer.ConfigInvalid(
                    "hook libraries missing on this peer; kea-dhcp4 was not touched",
                    List.of(
                            new AgentApi.FileError(
                                    KeaConfigRenderer.fileName(role),
                                    null,
                                    "no hook library " + String.join(", ", missingHooks))));
        }
        if (!serving) {
            LOG.infof("kea-dhcp4 is not running: starting it on config %s", expectedHash);
            return started(watchdog.restartWith(bundle.get()), expectedHash, began);
        }
        Optional<HaRelationship> ha = HaRelationship.of(dhcp4);
        Optional<KeaControlClient> partner = ha.map(h -> partners.apply(h.partner().url()));
        boolean takeover = ha.isPresent() && ha.get().servesScope();
        if (takeover) {
            try {
                partner.get().haScopes(ha.get().takeoverScopes());
                LOG.infof(
                        "takeover: %s answers %s while %s reloads",
                        ha.get().partner().name(),
                        ha.get().takeoverScopes(),
                        ha.get().self().name());
                laps.lap("ha-scopes takeover");
            } catch (KeaControlException e) {
                LOG.warnf("apply refused: the partner did not take over: %s", e.getMessage());
                return new ApplyAnswer.Refused(
                        "takeover-refused",
                        "the partner "
                                + ha.get().partner().name()
                                + " did not take over this peer's clients ("
                                + e.getMessage()
                                + "); kea-dhcp4 was not touched");
            }
        }
        SetResult set = watchdog.exclusive(() -> configSet(bundle.get(), dhcp4));
        laps.lap("config-set");
        if (set.rejected().isPresent()) {
            if (takeover) {
                endTakeover(ha.get(), partner.get());
            }
            return new ApplyAnswer.ConfigInvalid(
                    "kea-dhcp4 rejected config-set and keeps its old config"
                            + (set.lostCommands().isEmpty()
                                    ? ""
                                    : "; its hooks did not load again (lost "
                                            + String.join(", ", set.lostCommands())
                                            + "): restart it with a good config"),
                    List.of(
                            new AgentApi.FileError(
                                    KeaConfigRenderer.fileName(role), null, set.rejected().get())));
        }
        if (set.noAnswer().isPresent()) {
            return new ApplyAnswer.Failed(
                    "apply-failed",
                    "config-set got no answer: "
                            + set.noAnswer().get()
                            + (takeover ? "; the partner keeps this peer's clients" : ""));
        }
        afterApply.run();
        Instant deadline = clock.instant().plus(settings.gateTimeout());
        if (ha.isPresent()) {
            Optional<String> notNormal = awaitNormal(ha.get(), partner.get(), deadline);
            laps.lap("pair back to normal");
            if (notNormal.isPresent()) {
                return new ApplyAnswer.Failed(
                        "pair-not-normal",
                        notNormal.get()
                                + (takeover
                                        ? "; the takeover stays: "
                                                + ha.get().partner().name()
                                                + " keeps answering "
                                                + ha.get().takeoverScopes()
                                        : ""));
            }
        }
        Optional<String> writeFailure = settings.configWrite() ? configWrite() : Optional.empty();
        if (settings.configWrite()) {
            laps.lap("config-write");
        }
        if (takeover) {
            endTakeover(ha.get(), partner.get());
            laps.lap("ha-scopes end");
        }
        if (ha.isPresent()) {
            awaitOwnViewOfPartner(ha.get(), deadline);
            laps.lap("own view of the partner normal");
        }
        if (writeFailure.isPresent()) {
            LOG.warnf("config-write failed (the running config is right): %s", writeFailure.get());
        }
        Duration took = Duration.between(began, clock.instant());
        LOG.infof("applied config %s in %d ms (%s)", expectedHash, took.toMillis(), laps);
        return new ApplyAnswer.Applied(expectedHash, watchdog.status().pid().orElse(-1), took);
    }

    private ApplyAnswer refusedByCheck(KeaRoleCheck check) {
        String file = KeaConfigRenderer.fileName(role);
        return new ApplyAnswer.ConfigInvalid(
                "kea-dhcp4 -t rejects the mounted config; kea-dhcp4 was not touched",
                List.of(
                        new AgentApi.FileError(
                                file,
                                check.error()
                                        .filter(e -> e.line().isPresent())
                                        .map(e -> (int) e.line().getAsLong())
                                        .orElse(null),
                                check.error()
                                        .map(KeaError::text)
                                        .orElse(
                                                "kea-dhcp4 -t "
                                                        + check.verdict()
                                                        + ": "
                                                        + check.output().strip()))));
    }

    private ApplyAnswer restartInPlace(String expectedHash) throws InterruptedException {
        Optional<RenderedConfig> running = watchdog.runningBundle();
        if (!watchdog.serving()
                || running.isEmpty()
                || !running.get().sha256().equals(expectedHash)) {
            return new ApplyAnswer.NotRunning(
                    expectedHash,
                    watchdog.serving() ? running.map(RenderedConfig::sha256) : Optional.empty());
        }
        LOG.infof("restarting kea-dhcp4 in place on config %s", expectedHash);
        return started(watchdog.restartWith(running.get()), expectedHash, clock.instant());
    }

    private ApplyAnswer started(KeaStart start, String hash, Instant began) {
        afterApply.run();
        if (start instanceof KeaStart.Serving serving) {
            return new ApplyAnswer.Applied(
                    hash, serving.pid(), Duration.between(began, clock.instant()));
        }
        return new ApplyAnswer.Failed(
                "start-failed",
                "kea-dhcp4 did not come up: "
                        + start
                        + "; the agent keeps starting it with backoff");
    }

    /** What {@code config-set} came to. */
    private record SetResult(
            Optional<String> rejected, List<String> lostCommands, Optional<String> noAnswer) {}

    private SetResult configSet(RenderedConfig bundle, ObjectNode dhcp4)
            throws InterruptedException {
        try {
            List<String> before = local.listCommands();
            ConfigVerdict verdict = local.configSet(dhcp4);
            if (!verdict.accepted()) {
                List<String> lost = new ArrayList<>(before);
                try {
                    lost.removeAll(local.listCommands());
                } catch (KeaControlException e) {
                    lost = List.of("list-commands");
                }
                LOG.warnf("config-set rejected: %s", verdict.text());
                return new SetResult(Optional.of(verdict.text()), lost, Optional.empty());
            }
            watchdog.applied(bundle, dhcp4);
            return new SetResult(Optional.empty(), List.of(), Optional.empty());
        } catch (KeaControlException e) {
            return new SetResult(Optional.empty(), List.of(), Optional.of(e.getMessage()));
        }
    }

    /**
     * Step 6: empty once both peers are in their normal state, else why not (fail fast or timeout).
     */
    private Optional<String> awaitNormal(
            HaRelationship ha, KeaControlClient partner, Instant deadline)
            throws InterruptedException {
        Instant setAt = clock.instant();
        Duration waitingLimit = ha.heartbeatDelay().multipliedBy(2);
        KeaHaState normal = ha.normalState();
        String localState = "no answer";
        String partnerState = "no answer";
        while (true) {
            Optional<KeaHaState> mine = state(local);
            Optional<KeaHaState> theirs = state(partner);
            localState = mine.map(KeaHaState::raw).orElse("no answer");
            partnerState = theirs.map(KeaHaState::raw).orElse("no answer");
            if (mine.equals(Optional.of(normal)) && theirs.equals(Optional.of(normal))) {
                return Optional.empty();
            }
            String states =
                    ha.self().name()
                            + " "
                            + localState
                            + ", "
                            + ha.partner().name()
                            + " "
                            + partnerState;
            if (mine.equals(Optional.of(KeaHaState.TERMINATED))
                    || theirs.equals(Optional.of(KeaHaState.TERMINATED))) {
                return Optional.of("HA terminated: " + states);
            }
            if (theirs.equals(Optional.of(KeaHaState.PARTNER_DOWN))) {
                return Optional.of("the partner lost this peer: " + states);
            }
            if (maintenance(mine) || maintenance(theirs)) {
                return Optional.of("the pair is being maintained: " + states);
            }
            Instant now = clock.instant();
            if (mine.equals(Optional.of(KeaHaState.WAITING))
                    && Duration.between(setAt, now).compareTo(waitingLimit) > 0) {
                return Optional.of(
                        "still waiting "
                                + waitingLimit.toMillis()
                                + " ms (two heartbeats) after config-set: "
                                + states);
            }
            if (!now.isBefore(deadline)) {
                return Optional.of(
                        "not back in "
                                + normal.raw()
                                + " within "
                                + settings.gateTimeout().toMillis()
                                + " ms: "
                                + states);
            }
            Thread.sleep(settings.pollInterval().toMillis());
        }
    }

    /**
     * After the takeover ended: until this server's own {@code status-get} has heard the partner in
     * its normal state (the next heartbeat), so the {@code /state} read after the answer shows the
     * pair as normal. Bounded by the gate's deadline; not reaching it is no failure.
     */
    private void awaitOwnViewOfPartner(HaRelationship ha, Instant deadline)
            throws InterruptedException {
        String normal = ha.normalState().raw();
        while (clock.instant().isBefore(deadline)) {
            try {
                Optional<String> seen =
                        KeaPairHealth.of(local.statusGet()).map(p -> p.partner().raw());
                if (seen.isEmpty() || seen.get().equals(normal)) {
                    return;
                }
            } catch (KeaControlException e) {
                return;
            }
            Thread.sleep(settings.pollInterval().toMillis());
        }
    }

    private static boolean maintenance(Optional<KeaHaState> state) {
        return state.equals(Optional.of(KeaHaState.IN_MAINTENANCE))
                || state.equals(Optional.of(KeaHaState.PARTNER_IN_MAINTENANCE));
    }

    private static Optional<KeaHaState> state(KeaControlClient client) {
        try {
            HaHeartbeat heartbeat = client.haHeartbeat();
            return Optional.of(heartbeat.state());
        } catch (KeaControlException e) {
            return Optional.empty();
        }
    }

    private void endTakeover(HaRelationship ha, KeaControlClient partner) {
        try {
            partner.haScopes(ha.partnerOwnScopes());
            LOG.infof(
                    "takeover ended: %s answers %s again",
                    ha.partner().name(), ha.partnerOwnScopes());
        } catch (KeaControlException e) {
            // its next state transition resets the scopes to that state's own
            LOG.warnf("could not end the takeover on %s: %s", ha.partner().name(), e.getMessage());
        }
    }

    private Optional<String> configWrite() {
        try {
            local.configWrite(files.dhcp4File());
            return Optional.empty();
        } catch (KeaControlException e) {
            return Optional.of(e.getMessage());
        }
    }
}
