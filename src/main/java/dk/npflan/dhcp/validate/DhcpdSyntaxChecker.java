package dk.npflan.dhcp.validate;

import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the real {@code dhcpd -t -cf} (never {@code -q}, which hides every message) on both role
 * variants of a rendered config, in parallel, each in its own temp dir that mirrors the absolute
 * include paths: the failover include gets that role's file, the OMAPI key include a dummy key (the
 * real key is never needed to check syntax). Only the two {@code include} lines we render are
 * pointed into the temp dir, so line numbers stay the same. Reusable by rollout and supervision
 * code.
 */
public final class DhcpdSyntaxChecker {

    /**
     * Characters of dhcpd output kept in a {@link RoleCheck}; overlapping pools print one error per
     * address.
     */
    public static final int MAX_OUTPUT = 16_384;

    private static final Pattern RANGE = Pattern.compile("^(\\s+range )(\\S+) (\\S+);.*$");
    private static final String DUMMY_SECRET = "bm90LWEtcmVhbC1rZXktb25seS1mb3ItZGhjcGQtdA==";

    private final Path dhcpd;
    private final Duration timeout;
    private final String failoverInclude;
    private final String omapiKeyInclude;
    private final String omapiKeyName;
    private final DhcpdSettings.SecondaryCheck secondaryCheck;

    public DhcpdSyntaxChecker(
            Path dhcpd,
            Duration timeout,
            String failoverInclude,
            String omapiKeyInclude,
            String omapiKeyName) {
        this(
                dhcpd,
                timeout,
                failoverInclude,
                omapiKeyInclude,
                omapiKeyName,
                DhcpdSettings.SecondaryCheck.FULL);
    }

    public DhcpdSyntaxChecker(
            Path dhcpd,
            Duration timeout,
            String failoverInclude,
            String omapiKeyInclude,
            String omapiKeyName,
            DhcpdSettings.SecondaryCheck secondaryCheck) {
        this.dhcpd = dhcpd;
        this.timeout = timeout;
        this.failoverInclude = failoverInclude;
        this.omapiKeyInclude = omapiKeyInclude;
        this.omapiKeyName = omapiKeyName;
        this.secondaryCheck = secondaryCheck;
    }

    public static DhcpdSyntaxChecker from(DhcpdSettings settings) {
        return new DhcpdSyntaxChecker(
                Path.of(settings.validation().dhcpdBinary()),
                settings.validation().timeout(),
                settings.failoverInclude(),
                settings.omapi().keyInclude(),
                settings.omapi().keyName(),
                settings.validation().secondaryCheck());
    }

    /** Checks both roles at once; returns when both have finished or timed out. */
    public SyntaxCheck check(RenderedConfig config) {
        Map<PeerRole, Run> runs = new EnumMap<>(PeerRole.class);
        for (PeerRole role : PeerRole.values()) {
            runs.put(role, start(config, role));
        }
        Map<PeerRole, RoleCheck> results = new EnumMap<>(PeerRole.class);
        runs.forEach((role, run) -> results.put(role, run.finish()));
        return new SyntaxCheck(results);
    }

    /** Checks one role's variant. */
    public RoleCheck check(RenderedConfig config, PeerRole role) {
        return start(config, role).finish();
    }

    private Run start(RenderedConfig config, PeerRole role) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("netbox-dhcpd-check-" + role.keyword() + "-");
            Path conf = dir.resolve(RenderedConfig.CONFIG);
            boolean cutRanges =
                    role == PeerRole.SECONDARY
                            && secondaryCheck == DhcpdSettings.SecondaryCheck.FIRST_ADDRESS;
            Files.writeString(
                    conf,
                    pointIncludesInto(dir, config.config(), cutRanges),
                    StandardCharsets.UTF_8);
            write(mirror(dir, failoverInclude), config.failover(role));
            write(
                    mirror(dir, omapiKeyInclude),
                    "key "
                            + omapiKeyName
                            + " {\n    algorithm hmac-md5;\n    secret \""
                            + DUMMY_SECRET
                            + "\";\n};\n");
            Path output = dir.resolve("dhcpd-t.out");
            Process process =
                    new ProcessBuilder(
                                    dhcpd.toString(),
                                    "-4",
                                    "-t",
                                    "-cf",
                                    conf.toString(),
                                    "-lf",
                                    dir.resolve("dhcpd.leases").toString(),
                                    "-pf",
                                    dir.resolve("dhcpd.pid").toString())
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .start();
            return new Run(role, dir, process, output, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            delete(dir);
            return new Run(role, null, null, null, System.nanoTime(), e.toString());
        }
    }

    private String pointIncludesInto(Path dir, String conf, boolean cutRanges) {
        String[] lines = conf.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (cutRanges) {
                Matcher range = RANGE.matcher(lines[i]);
                if (range.matches()) {
                    lines[i] = range.group(1) + range.group(2) + " " + range.group(2) + ";";
                    continue;
                }
            }
            for (String include : List.of(failoverInclude, omapiKeyInclude)) {
                if (lines[i].equals("include \"" + include + "\";")) {
                    lines[i] = "include \"" + mirror(dir, include) + "\";";
                }
            }
        }
        return String.join("\n", lines);
    }

    private static Path mirror(Path dir, String absolute) {
        return dir.resolve(absolute.replaceFirst("^/+", ""));
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** One started (or failed to start) dhcpd run. */
    private final class Run {
        private final PeerRole role;
        private final Path dir;
        private final Process process;
        private final Path output;
        private final long startedNanos;
        private final String startFailure;

        Run(PeerRole role, Path dir, Process process, Path output, long startedNanos) {
            this(role, dir, process, output, startedNanos, null);
        }

        Run(
                PeerRole role,
                Path dir,
                Process process,
                Path output,
                long startedNanos,
                String startFailure) {
            this.role = role;
            this.dir = dir;
            this.process = process;
            this.output = output;
            this.startedNanos = startedNanos;
            this.startFailure = startFailure;
        }

        RoleCheck finish() {
            if (process == null) {
                return new RoleCheck(
                        role,
                        RoleCheck.Outcome.NOT_RUN,
                        -1,
                        Optional.of(
                                new DhcpdError(
                                        Optional.empty(),
                                        OptionalInt.empty(),
                                        "cannot run " + dhcpd + ": " + startFailure)),
                        List.of(),
                        "",
                        Duration.ZERO);
            }
            try {
                boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!exited) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
                String text =
                        Files.readString(output, StandardCharsets.UTF_8)
                                .replace(dir + "/" + RenderedConfig.CONFIG, RenderedConfig.CONFIG)
                                .replace(mirror(dir, failoverInclude).toString(), role.fileName())
                                .replace(dir.toString(), "");
                String kept =
                        text.length() <= MAX_OUTPUT
                                ? text
                                : text.substring(0, MAX_OUTPUT) + "\n[… output truncated]\n";
                if (!exited) {
                    return new RoleCheck(
                            role,
                            RoleCheck.Outcome.TIMED_OUT,
                            -1,
                            Optional.of(
                                    new DhcpdError(
                                            Optional.empty(),
                                            OptionalInt.empty(),
                                            "dhcpd -t did not finish within "
                                                    + timeout
                                                    + "; last output: "
                                                    + lastLine(text))),
                            warnings(text),
                            kept,
                            elapsed);
                }
                int rc = process.exitValue();
                return new RoleCheck(
                        role,
                        rc == 0 ? RoleCheck.Outcome.VALID : RoleCheck.Outcome.INVALID,
                        rc,
                        rc == 0 ? Optional.empty() : Optional.of(DhcpdError.firstIn(text, rc)),
                        warnings(text),
                        kept,
                        elapsed);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for dhcpd -t", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                delete(dir);
            }
        }
    }

    private static List<String> warnings(String output) {
        List<String> warnings = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (DhcpdError.isWarning(line.strip())) {
                warnings.add(line.strip());
            }
        }
        return warnings;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp dir is harmless
        }
    }
}
