package dk.npflan.dhcp.kea;

import dk.npflan.dhcp.backend.CheckProcess;
import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.ServerModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the real {@code kea-dhcp4 -t} on both roles' rendered files, in parallel, each in a temp dir
 * of its own that is removed on every path out. Kea 2.2's {@code -t} parses the whole config and
 * opens each hook library (a missing library fails it) but does not run the hooks' own parameter
 * checks, open sockets or touch the lease file, so the paths in the config need not exist here;
 * {@code KEA_PIDFILE_DIR} and {@code KEA_LOCKFILE_DIR} point into the temp dir all the same, so a
 * check can never write next to a running server. A refusal is traced back to the NetBox object
 * through the position Kea names ({@link KeaSubnetLocator}).
 */
public final class KeaConfigChecker {

    private final String binary;
    private final Duration timeout;
    private final Path tempRoot;

    public KeaConfigChecker(String binary, Duration timeout, Path tempRoot) {
        this.binary = binary;
        this.timeout = timeout;
        this.tempRoot = tempRoot;
    }

    /** The binary and timeout from the settings, temp dirs under {@code java.io.tmpdir}. */
    public static KeaConfigChecker from(KeaSettings settings) {
        return new KeaConfigChecker(
                settings.binary(),
                settings.checkTimeout(),
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Checks both roles at once and returns when both have finished or timed out.
     *
     * @param rendered what {@link KeaConfigRenderer#render} made of {@code model}
     */
    public KeaCheck check(RenderedConfig rendered, ServerModel model) {
        if (OnlyServerNameDiffers.of(
                rendered.files().get(KeaConfigRenderer.fileName(PeerRole.PRIMARY)),
                rendered.files().get(KeaConfigRenderer.fileName(PeerRole.SECONDARY)))) {
            // kea-dhcp4 -t does not run the HA hook's checks, so this-server-name is the one
            // value it never looks at: the secondary's verdict is the primary's (one run, not
            // two on the same cores: 7.8 s → one role's time at 10,000 subnets)
            KeaRoleCheck primary = check(rendered, model, PeerRole.PRIMARY);
            Map<PeerRole, KeaRoleCheck> results = new EnumMap<>(PeerRole.class);
            results.put(PeerRole.PRIMARY, primary);
            results.put(PeerRole.SECONDARY, asSecondary(primary));
            return new KeaCheck(results);
        }
        Map<PeerRole, Run> runs = new EnumMap<>(PeerRole.class);
        for (PeerRole role : PeerRole.values()) {
            runs.put(role, start(rendered, role));
        }
        Map<PeerRole, KeaRoleCheck> results = new EnumMap<>(PeerRole.class);
        runs.forEach((role, run) -> results.put(role, run.finish(timeout, rendered, model)));
        return new KeaCheck(results);
    }

    /** The primary's check as the secondary's: its file's name in place of the primary's. */
    private static KeaRoleCheck asSecondary(KeaRoleCheck primary) {
        String output =
                primary.output()
                        .replace(
                                KeaConfigRenderer.fileName(PeerRole.PRIMARY),
                                KeaConfigRenderer.fileName(PeerRole.SECONDARY));
        return new KeaRoleCheck(
                PeerRole.SECONDARY,
                primary.verdict(),
                primary.error().isPresent() ? KeaError.parse(output) : Optional.empty(),
                primary.object(),
                output,
                primary.elapsed());
    }

    /** Checks one role's file. */
    public KeaRoleCheck check(RenderedConfig rendered, ServerModel model, PeerRole role) {
        return start(rendered, role).finish(timeout, rendered, model);
    }

    /**
     * Checks one role's file without a model to trace errors to (the agent has only the mounted
     * bundle): the result names no NetBox object.
     */
    public KeaRoleCheck check(RenderedConfig rendered, PeerRole role) {
        return start(rendered, role).finish(timeout, rendered, null);
    }

    private Run start(RenderedConfig rendered, PeerRole role) {
        String name = KeaConfigRenderer.fileName(role);
        return new Run(
                role,
                binary,
                CheckProcess.start(
                        tempRoot,
                        "kea-" + role.keyword(),
                        List.of("KEA_"),
                        dir -> {
                            Path file = dir.resolve(name);
                            Files.writeString(
                                    file, rendered.files().get(name), StandardCharsets.UTF_8);
                            return new CheckProcess.Launch(
                                    List.of(binary, "-t", file.toString()),
                                    Map.of(
                                            "KEA_PIDFILE_DIR", dir.toString(),
                                            "KEA_LOCKFILE_DIR", dir.toString()),
                                    Map.of(file, name));
                        }));
    }

    /** One started (or failed to start) {@code kea-dhcp4 -t}. */
    private record Run(PeerRole role, String binary, CheckProcess check) {

        KeaRoleCheck finish(Duration timeout, RenderedConfig rendered, ServerModel model) {
            CheckProcess.Ending ending = check.finish(timeout);
            if (ending instanceof CheckProcess.Ending.Exited exited) {
                if (exited.exitCode() == 0) {
                    return result(KeaRoleCheck.Verdict.PASSED, Optional.empty(), exited);
                }
                Optional<KeaError> error = KeaError.parse(exited.output());
                return new KeaRoleCheck(
                        role,
                        KeaRoleCheck.Verdict.FAILED,
                        error,
                        error.flatMap(e -> locate(e, rendered, model)),
                        exited.output(),
                        exited.elapsed());
            }
            if (ending instanceof CheckProcess.Ending.TimedOut timedOut) {
                return new KeaRoleCheck(
                        role,
                        KeaRoleCheck.Verdict.TIMED_OUT,
                        Optional.empty(),
                        Optional.empty(),
                        timedOut.output(),
                        timedOut.elapsed());
            }
            CheckProcess.Ending.NotRun notRun = (CheckProcess.Ending.NotRun) ending;
            return new KeaRoleCheck(
                    role,
                    KeaRoleCheck.Verdict.NOT_RUN,
                    Optional.empty(),
                    Optional.empty(),
                    "cannot run " + binary + " -t: " + notRun.why(),
                    notRun.elapsed());
        }

        private KeaRoleCheck result(
                KeaRoleCheck.Verdict verdict,
                Optional<KeaError> error,
                CheckProcess.Ending.Exited exited) {
            return new KeaRoleCheck(
                    role, verdict, error, Optional.empty(), exited.output(), exited.elapsed());
        }

        private Optional<NetBoxObject> locate(
                KeaError error, RenderedConfig rendered, ServerModel model) {
            if (model == null) {
                return Optional.empty();
            }
            KeaSubnetLocator locator =
                    new KeaSubnetLocator(
                            rendered.files().get(KeaConfigRenderer.fileName(role)),
                            KeaConfigRenderer.subnetOrder(model));
            Optional<NetBoxObject> byPosition =
                    error.line().isPresent() && error.column().isPresent()
                            ? locator.locate(error.line().getAsLong(), error.column().getAsLong())
                            : Optional.empty();
            return byPosition.or(() -> locator.locate(error.text()));
        }
    }
}
