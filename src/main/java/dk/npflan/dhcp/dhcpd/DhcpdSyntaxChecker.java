package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real {@code dhcpd -t -cf} (through the one runner, {@link DhcpdConfigChecker}) on both
 * role variants of a rendered config, in parallel, each in its own temp dir that mirrors the
 * absolute include paths: the failover include gets that role's file, the OMAPI key include a dummy
 * key (the real key is never needed to check syntax). Only the two {@code include} lines we render
 * are pointed into the temp dir, so line numbers stay the same.
 */
public final class DhcpdSyntaxChecker {

    private static final Pattern RANGE = Pattern.compile("^(\\s+range )(\\S+) (\\S+);.*$");
    private static final String DUMMY_SECRET = "bm90LWEtcmVhbC1rZXktb25seS1mb3ItZGhjcGQtdA==";

    private final DhcpdConfigChecker runner;
    private final String failoverInclude;
    private final String omapiKeyInclude;
    private final String omapiKeyName;
    private final DhcpdSettings.SecondaryCheck secondaryCheck;

    public DhcpdSyntaxChecker(
            DhcpdConfigChecker runner,
            String failoverInclude,
            String omapiKeyInclude,
            String omapiKeyName,
            DhcpdSettings.SecondaryCheck secondaryCheck) {
        this.runner = runner;
        this.failoverInclude = failoverInclude;
        this.omapiKeyInclude = omapiKeyInclude;
        this.omapiKeyName = omapiKeyName;
        this.secondaryCheck = secondaryCheck;
    }

    /**
     * Include paths and the secondary's check mode from the rendering settings; the dhcpd binary
     * and the {@code dhcpd -t} timeout from the dhcpd process settings, their one home.
     */
    public static DhcpdSyntaxChecker from(DhcpdSettings settings, DhcpdProcessSettings dhcpd) {
        return using(DhcpdConfigChecker.from(dhcpd), settings);
    }

    /** With another runner (a fake dhcpd, a short timeout, a temp root of its own). */
    public static DhcpdSyntaxChecker using(DhcpdConfigChecker runner, DhcpdSettings settings) {
        return new DhcpdSyntaxChecker(
                runner,
                settings.failoverInclude(),
                settings.omapi().keyInclude(),
                settings.omapi().keyName(),
                settings.validation().secondaryCheck());
    }

    /** Checks both roles at once; returns when both have finished or timed out. */
    public SyntaxCheck check(RenderedConfig config) {
        Map<PeerRole, DhcpdConfigChecker.Run> runs = new EnumMap<>(PeerRole.class);
        for (PeerRole role : PeerRole.values()) {
            runs.put(role, start(config, role));
        }
        Map<PeerRole, RoleCheck> results = new EnumMap<>(PeerRole.class);
        runs.forEach((role, run) -> results.put(role, new RoleCheck(role, run.finish())));
        return new SyntaxCheck(results);
    }

    /** Checks one role's variant. */
    public RoleCheck check(RenderedConfig config, PeerRole role) {
        return new RoleCheck(role, start(config, role).finish());
    }

    private DhcpdConfigChecker.Run start(RenderedConfig config, PeerRole role) {
        return runner.start(role.keyword(), dir -> write(dir, config, role));
    }

    private DhcpdConfigChecker.Written write(Path dir, RenderedConfig config, PeerRole role)
            throws IOException {
        Path conf = dir.resolve(RenderedConfig.CONFIG);
        boolean cutRanges =
                role == PeerRole.SECONDARY
                        && secondaryCheck == DhcpdSettings.SecondaryCheck.FIRST_ADDRESS;
        Files.writeString(
                conf, pointIncludesInto(dir, config.config(), cutRanges), StandardCharsets.UTF_8);
        Path failover = mirror(dir, failoverInclude);
        write(failover, config.failover(role));
        write(
                mirror(dir, omapiKeyInclude),
                "key "
                        + omapiKeyName
                        + " {\n    algorithm hmac-md5;\n    secret \""
                        + DUMMY_SECRET
                        + "\";\n};\n");
        return new DhcpdConfigChecker.Written(
                conf, Map.of(conf, RenderedConfig.CONFIG, failover, role.fileName()));
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
}
