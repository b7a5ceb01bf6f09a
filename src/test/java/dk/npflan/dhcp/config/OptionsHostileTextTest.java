package dk.npflan.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus as {@code dhcp_options} text values (prefix and IP range), as VLAN names and
 * as {@code dhcp_shared_network} names cannot change the structure of dhcpd.conf: with quoted
 * strings blanked and comments stripped it equals the output for harmless text; a value the parser
 * refuses is an error naming its prefix or range, one it takes is rendered exactly, and both roles
 * pass the real dhcpd -t.
 */
class OptionsHostileTextTest {

    private static List<String> corpus;
    private final DhcpdSettings settings = TestSettings.dhcpd();

    @BeforeAll
    static void loadCorpus() throws IOException {
        try (InputStream in =
                OptionsHostileTextTest.class.getResourceAsStream("/hostile/strings.json")) {
            corpus = OptionFixtures.JSON.readValue(in, new TypeReference<List<String>>() {});
        }
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(50);
    }

    private ConfigBuild.Result build(boolean harmless) {
        OptionFixtures.Inventory inventory = OptionFixtures.hostile(corpus, harmless);
        return ConfigBuild.from(inventory.prefixes(), inventory.ranges(), settings);
    }

    /** The config with every quoted string blanked and every comment removed. */
    private static String structure(RenderedConfig rendered) {
        return rendered.config()
                .replaceAll("\"(?:[^\"\\\\\\n]|\\\\.)*\"", "\"\"")
                .replaceAll("(?m)#.*$", "");
    }

    @Test
    void hostileOptionTextAndNames_changeNoStructure_andAreRefusedOrRenderedExactly() {
        ConfigBuild.Result hostile = build(false);
        ConfigBuild.Result harmless = build(true);

        assertThat(structure(hostile.rendered())).isEqualTo(structure(harmless.rendered()));
        String config = hostile.rendered().config();
        for (int i = 0; i < corpus.size(); i++) {
            String t = corpus.get(i);
            long prefix = 10_000 + i;
            long range = 50_000 + i;
            long second = 20_000 + i;
            boolean refused = !t.isBlank() && !OptionFixtures.acceptedText(t);
            assertThat(hostile.errors())
                    .as("corpus entry %d", i)
                    .filteredOn(
                            e ->
                                    e.object().id() == prefix
                                            || e.object().id() == second
                                            || e.object().id() == range)
                    .extracting(e -> e.kind() + " " + e.object().id())
                    .containsExactlyInAnyOrderElementsOf(
                            refused
                                    ? List.of(
                                            "INVALID_OPTION " + prefix,
                                            "INVALID_OPTION " + second,
                                            "INVALID_OPTION " + range)
                                    : List.of());
            if (OptionFixtures.acceptedText(t)) {
                String quoted = "\"" + t.replace("\"", "\\\"") + "\";\n";
                assertThat(config)
                        .contains("        option root-path " + quoted)
                        .contains("            option tftp-server-name " + quoted);
            }
            boolean badName = !OptionFixtures.usableName(t) && !t.isBlank();
            long linked = 30_000 + i;
            assertThat(hostile.errors())
                    .filteredOn(e -> e.object().id() == linked)
                    .extracting(e -> e.kind().name())
                    .containsExactlyElementsOf(
                            badName ? List.of("INVALID_SHARED_NETWORK") : List.of());
        }
        assertThat(config.lines().filter(l -> l.startsWith("shared-network")))
                .isNotEmpty()
                .allSatisfy(
                        l -> assertThat(l).matches("shared-network \"[A-Za-z0-9_.-]{1,64}\" \\{"));
    }

    @Test
    @org.junit.jupiter.api.Tag("dhcpd")
    void hostileOptionTextAndNames_passRealDhcpdForBothRoles() {
        ConfigBuild.Result hostile = build(false);

        assertThat(TestSettings.syntaxChecker(settings).check(hostile.rendered()).roles().values())
                .allSatisfy(role -> assertThat(role.isValid()).as(role.output()).isTrue());
    }
}
