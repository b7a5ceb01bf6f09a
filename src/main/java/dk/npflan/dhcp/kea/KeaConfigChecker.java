package dk.npflan.dhcp.kea;

import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.ServerModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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

    private static final String OUTPUT_FILE = "kea-dhcp4-t.out";

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
        Map<PeerRole, Run> runs = new EnumMap<>(PeerRole.class);
        for (PeerRole role : PeerRole.values()) {
            runs.put(role, start(rendered, role));
        }
        Map<PeerRole, KeaRoleCheck> results = new EnumMap<>(PeerRole.class);
        runs.forEach((role, run) -> results.put(role, run.finish(timeout, rendered, model)));
        return new KeaCheck(results);
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
        long started = System.nanoTime();
        Path dir = null;
        try {
            dir =
                    Files.createTempDirectory(
                            tempRoot, "netbox-dhcpd-kea-check-" + role.keyword() + "-");
            String name = KeaConfigRenderer.fileName(role);
            Path file = dir.resolve(name);
            Files.writeString(file, rendered.files().get(name), StandardCharsets.UTF_8);
            ProcessBuilder builder =
                    new ProcessBuilder(List.of(binary, "-t", file.toString()))
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve(OUTPUT_FILE).toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.startsWith("KEA_"));
            env.put("KEA_PIDFILE_DIR", dir.toString());
            env.put("KEA_LOCKFILE_DIR", dir.toString());
            Process process = builder.start();
            // when kea-dhcp4 exited, not when finish() got to it (the roles run in parallel)
            CompletableFuture<Long> exited = process.onExit().thenApply(p -> System.nanoTime());
            return new Run(role, dir, process, started, exited, null);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            return new Run(role, null, null, started, null, "cannot run " + binary + " -t: " + why);
        }
    }

    /** One started (or failed to start, {@code process} null) {@code kea-dhcp4 -t}. */
    private record Run(
            PeerRole role,
            Path dir,
            Process process,
            long startedNanos,
            CompletableFuture<Long> exitedNanos,
            String startFailure) {

        KeaRoleCheck finish(Duration timeout, RenderedConfig rendered, ServerModel model) {
            if (process == null) {
                return result(
                        KeaRoleCheck.Verdict.NOT_RUN,
                        Optional.empty(),
                        Optional.empty(),
                        startFailure);
            }
            try {
                long remaining = timeout.toNanos() - (System.nanoTime() - startedNanos);
                boolean exited = process.waitFor(Math.max(0, remaining), TimeUnit.NANOSECONDS);
                if (!exited) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                String output =
                        Files.readString(dir.resolve(OUTPUT_FILE), StandardCharsets.UTF_8)
                                .replace(dir + "/", "")
                                .replace(dir.toString(), "");
                if (!exited) {
                    return result(
                            KeaRoleCheck.Verdict.TIMED_OUT,
                            Optional.empty(),
                            Optional.empty(),
                            output);
                }
                if (process.exitValue() == 0) {
                    return result(
                            KeaRoleCheck.Verdict.PASSED,
                            Optional.empty(),
                            Optional.empty(),
                            output);
                }
                Optional<KeaError> error = KeaError.parse(output);
                return result(
                        KeaRoleCheck.Verdict.FAILED,
                        error,
                        error.flatMap(e -> locate(e, rendered, model)),
                        output);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result(
                        KeaRoleCheck.Verdict.NOT_RUN,
                        Optional.empty(),
                        Optional.empty(),
                        "interrupted while waiting for kea-dhcp4 -t");
            } catch (IOException e) {
                return result(
                        KeaRoleCheck.Verdict.NOT_RUN,
                        Optional.empty(),
                        Optional.empty(),
                        "cannot read kea-dhcp4 -t output: " + e.getMessage());
            } finally {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
                delete(dir);
            }
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

        private KeaRoleCheck result(
                KeaRoleCheck.Verdict verdict,
                Optional<KeaError> error,
                Optional<NetBoxObject> object,
                String output) {
            long now = System.nanoTime();
            long end = exitedNanos == null ? now : exitedNanos.getNow(now);
            return new KeaRoleCheck(
                    role, verdict, error, object, output, Duration.ofNanos(end - startedNanos));
        }
    }

    /** The run's dir is flat: the file checked, Kea's output, any pid or lock file. */
    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // best effort: what is left is a small dir under the temp root
        }
    }
}
