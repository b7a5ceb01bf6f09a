package dk.npflan.dhcp.kea;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.OptionFixtures;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile corpus as {@code dhcp_options} text values, VLAN names and {@code
 * dhcp_shared_network} names ({@link OptionFixtures#hostile}) cannot change the structure of the
 * Kea config: with every string blanked the tree equals the one for harmless text, every accepted
 * value is the {@code data} of its option exactly, and both roles pass the real {@code kea-dhcp4
 * -t}.
 */
class KeaOptionsHostileTextTest {

    private static List<String> corpus;

    @TempDir Path tempRoot;

    @BeforeAll
    static void loadCorpus() throws IOException {
        try (InputStream in =
                KeaOptionsHostileTextTest.class.getResourceAsStream("/hostile/strings.json")) {
            corpus = OptionFixtures.JSON.readValue(in, new TypeReference<List<String>>() {});
        }
    }

    private static ConfigBuild.Result build(boolean harmless) {
        OptionFixtures.Inventory inventory = OptionFixtures.hostile(corpus, harmless);
        return ConfigBuild.from(
                inventory.prefixes(),
                inventory.ranges(),
                TestSettings.dhcpd(),
                new KeaConfigRenderer(KeaTestSettings.kea())::render);
    }

    private static JsonNode primary(ConfigBuild.Result result) throws IOException {
        return OptionFixtures.JSON.readTree(
                result.rendered().files().get(KeaConfigRenderer.fileName(PeerRole.PRIMARY)));
    }

    /** A copy with every string value replaced by "". */
    private static JsonNode blanked(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = OptionFixtures.JSON.createObjectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), blanked(f.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = OptionFixtures.JSON.createArrayNode();
            node.forEach(item -> copy.add(blanked(item)));
            return copy;
        }
        return node.isTextual() ? TextNode.valueOf("") : node;
    }

    @Test
    void hostileOptionTextAndNames_changeNoStructure_andAcceptedValuesAreTheDataExactly()
            throws IOException {
        JsonNode hostile = primary(build(false));
        JsonNode harmless = primary(build(true));

        assertThat(blanked(hostile)).isEqualTo(blanked(harmless));
        List<String> rootPaths = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode network : hostile.at("/Dhcp4/shared-networks")) {
            names.add(network.path("name").asText());
            for (JsonNode subnet : network.path("subnet4")) {
                for (JsonNode option : subnet.path("option-data")) {
                    if (option.path("name").asText().equals("root-path")) {
                        rootPaths.add(option.path("data").asText());
                    }
                }
            }
        }
        List<String> accepted = corpus.stream().filter(OptionFixtures::acceptedText).toList();
        assertThat(rootPaths).containsAll(accepted).allMatch(accepted::contains);
        assertThat(names).isNotEmpty().allMatch(n -> n.matches("[A-Za-z0-9_.-]{1,64}"));
    }

    @Test
    @org.junit.jupiter.api.Tag("kea")
    void hostileOptionTextAndNames_passRealKeaForBothRoles() {
        ConfigBuild.Result hostile = build(false);

        KeaCheck check =
                KeaTestSettings.checker(tempRoot).check(hostile.rendered(), hostile.model());

        assertThat(check.roles().values())
                .allSatisfy(role -> assertThat(role.passed()).as(role.output()).isTrue());
    }
}
