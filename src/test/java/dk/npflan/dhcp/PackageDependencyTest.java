package dk.npflan.dhcp;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package dependencies of docs/architecture.md ("Package layout and why") from
 * regressing, by reading the main sources' references to {@code dk.npflan.dhcp.*} (imports and
 * fully qualified names): the area packages depend only on the ones listed for them, and nothing
 * but the root and {@code command} packages (the commands, which wire everything) depends on the
 * root or {@code command} package. Packages not listed here (new areas) are held only to the second
 * rule.
 */
class PackageDependencyTest {

    private static final Path MAIN = Path.of("src/main/java/dk/npflan/dhcp");
    private static final String ROOT = "(root)";
    private static final String COMMAND = "command";

    /** Area package → the area packages it may use. The direction of docs/architecture.md. */
    static final Map<String, Set<String>> ALLOWED =
            Map.ofEntries(
                    entry("webhook", Set.of("messaging")),
                    entry("time", Set.of()),
                    entry("netbox", Set.of("time")),
                    entry("config", Set.of("netbox")),
                    entry("backend", Set.of("config")),
                    entry("validate", Set.of("netbox", "config")),
                    entry("dhcpd", Set.of("config", "omapi", "peer", "backend")),
                    entry("peer", Set.of("config")),
                    entry("omapi", Set.of("settings")),
                    entry("probe", Set.of("config")),
                    entry("settings", Set.of()),
                    entry("messaging", Set.of()),
                    // the rollout core and the pipeline reason in the neutral peer words, never in
                    // a server's: no omapi, no dhcpd (a sub-package such as rollout.agent counts as
                    // its area)
                    entry("rollout", Set.of("config", "peer", "time")),
                    // the agent core supervises servers through agent.PeerServer; dhcpd's is
                    // built in, Kea's (kea.agent) plugs in as a service: no kea here
                    entry("agent", Set.of("config", "backend", "dhcpd", "omapi", "peer", "probe")),
                    entry(
                            "pipeline",
                            Set.of(
                                    "webhook",
                                    "netbox",
                                    "config",
                                    "validate",
                                    "backend",
                                    "rollout",
                                    "peer",
                                    "audit",
                                    "settings")));

    /**
     * File → the packages it still uses against its area's rule; the rule holds for every other
     * file of the area. None left: the pipeline reaches dhcpd only through the backend seam.
     */
    static final Map<String, Set<String>> TOLERATED = Map.of();

    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern REFERENCE =
            Pattern.compile("\\bdk\\.npflan\\.dhcp\\.(?:([a-z][a-z0-9]*)\\.|([A-Z]))");

    @Test
    void mainSources_followTheDocumentedDependencyDirection() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .forEach(f -> violations.addAll(violations(packageOf(f), f)));
        }
        assertThat(violations).as("package dependencies against docs/architecture.md").isEmpty();
    }

    @Test
    void theRules_catchAnAreaUsingTheRootPackageOrALaterStage() {
        assertThat(
                        violations(
                                "config",
                                "config/X.java",
                                "import dk.npflan.dhcp.CommandConfiguration;\n"
                                        + "class X { dk.npflan.dhcp.dhcpd.RoleCheck r; }"))
                .hasSize(2);
        assertThat(violations("dhcpd", "dhcpd/X.java", "import dk.npflan.dhcp.validate.A;"))
                .hasSize(1);
        assertThat(violations("rollout", "rollout/X.java", "import dk.npflan.dhcp.command.C;"))
                .hasSize(1);
        assertThat(
                        violations(
                                "rollout",
                                "rollout/X.java",
                                "import dk.npflan.dhcp.dhcpd.A;\nimport dk.npflan.dhcp.omapi.B;"))
                .hasSize(2);
        assertThat(packageOf(MAIN.resolve("rollout/agent/AgentClient.java"))).isEqualTo("rollout");
        assertThat(
                        violations(
                                "rollout",
                                "rollout/agent/X.java",
                                "class X { dk.npflan.dhcp.omapi.FailoverState s; }"))
                .hasSize(1);
        assertThat(
                        violations(
                                "pipeline",
                                "pipeline/X.java",
                                "import dk.npflan.dhcp.dhcpd.A;\nimport dk.npflan.dhcp.omapi.B;"))
                .hasSize(2);
        assertThat(
                        violations(
                                "pipeline",
                                "pipeline/CandidateBuilder.java",
                                "import dk.npflan.dhcp.dhcpd.A;\nimport dk.npflan.dhcp.omapi.B;"))
                .as("no pipeline file is tolerated any more: the backend seam carries dhcpd")
                .hasSize(2);
        assertThat(
                        violations(
                                "rollout",
                                "rollout/X.java",
                                "import dk.npflan.dhcp.peer.PeerHealth;\n"
                                        + "import dk.npflan.dhcp.config.PeerRole;"))
                .isEmpty();
        assertThat(violations("agent", "agent/X.java", "import dk.npflan.dhcp.omapi.B;")).isEmpty();
        assertThat(
                        violations(
                                "agent",
                                "agent/X.java",
                                "import dk.npflan.dhcp.kea.server.KeaServer;\n"
                                        + "class X { dk.npflan.dhcp.kea.KeaSettings s; }"))
                .as("the agent core never names Kea")
                .hasSize(1);
        assertThat(violations("kea", "kea/agent/X.java", "import dk.npflan.dhcp.agent.PeerServer;"))
                .as("an area without a row")
                .isEmpty();
        assertThat(violations(ROOT, "X.java", "import dk.npflan.dhcp.validate.A;")).isEmpty();
    }

    private static String packageOf(Path file) {
        Path relative = MAIN.relativize(file);
        return relative.getNameCount() == 1 ? ROOT : relative.getName(0).toString();
    }

    private static List<String> violations(String from, Path file) {
        try {
            return violations(
                    from,
                    MAIN.relativize(file).toString(),
                    Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> violations(String from, String where, String source) {
        List<String> found = new ArrayList<>();
        for (String to : references(source)) {
            if (to.equals(from) || from.equals(ROOT) || from.equals(COMMAND)) {
                continue;
            }
            if (to.equals(ROOT) || to.equals(COMMAND)) {
                found.add(where + ": " + from + " must not depend on the " + to + " package");
            } else if (ALLOWED.containsKey(from)
                    && !ALLOWED.get(from).contains(to)
                    && !TOLERATED.getOrDefault(where, Set.of()).contains(to)) {
                found.add(
                        where + ": " + from + " → " + to + " is against the documented direction");
            }
        }
        return found;
    }

    private static Set<String> references(String source) {
        Set<String> packages = new TreeSet<>();
        for (String line : source.split("\n")) {
            String code = line.strip();
            if (code.startsWith("package ")
                    || code.startsWith("*")
                    || code.startsWith("/*")
                    || code.startsWith("//")) {
                continue; // comments name classes without depending on them
            }
            // a class named in a string (the main class a child JVM runs) is no compile dependency
            Matcher m = REFERENCE.matcher(STRING_LITERAL.matcher(line).replaceAll("\"\""));
            while (m.find()) {
                packages.add(m.group(1) != null ? m.group(1) : ROOT);
            }
        }
        return packages;
    }
}
