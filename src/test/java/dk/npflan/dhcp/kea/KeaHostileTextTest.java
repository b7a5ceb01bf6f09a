package dk.npflan.dhcp.kea;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.ServerModel;
import dk.npflan.dhcp.netbox.Choice;
import dk.npflan.dhcp.netbox.IpRange;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.netbox.Ref;
import dk.npflan.dhcp.netbox.Tag;
import dk.npflan.dhcp.netbox.Vrf;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile corpus ({@code src/test/resources/hostile/strings.json}: quotes, braces, backslashes,
 * line breaks, JSON fragments, unicode, 10 KB) in every free-text field of prefixes and IP ranges,
 * and in their NetBox URLs, cannot change the structure of the Kea config: read back, it has the
 * same keys, arrays and non-string values as for harmless text, and the only strings that differ
 * are the {@code user-context} comment and URL.
 */
class KeaHostileTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<String> corpus;

    @TempDir Path tempRoot;

    @BeforeAll
    static void loadCorpus() throws IOException {
        try (InputStream in =
                KeaHostileTextTest.class.getResourceAsStream("/hostile/strings.json")) {
            corpus = new ArrayList<>(JSON.readValue(in, new TypeReference<List<String>>() {}));
        }
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(50);
        // aimed at JSON rather than dhcpd.conf
        corpus.addAll(
                List.of(
                        "\\",
                        "\\\"",
                        "\\u0022}",
                        "\"}, {\"subnet\": \"0.0.0.0/0\", \"id\": 1}, {\"x\": \"",
                        "\"]}}, \"Dhcp6\": {\"x\": [\"",
                        "\u0000nul",
                        "\u2028\u2029",
                        "\ud83d\ude00 emoji",
                        "/* comment */",
                        "// comment",
                        "<?include \"/etc/shadow\"?>"));
    }

    /**
     * One /24 per corpus entry, {@code text(i)} in each free-text field; every other one a range.
     */
    private static ServerModel model(IntFunction<String> text) {
        Choice active = new Choice("active", "Active");
        List<Prefix> prefixes = new ArrayList<>();
        List<IpRange> ranges = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            String t = text.apply(i);
            Vrf vrf = new Vrf(500 + i, t, t);
            Ref role = new Ref(i, t, t);
            List<Tag> tags = List.of(new Tag(1, "dhcp", "dhcp"), new Tag(2, t, t));
            Map<String, JsonNode> fields = Map.of("owner", TextNode.valueOf(t));
            String net = "10.66." + i;
            prefixes.add(
                    new Prefix(
                            2000 + i,
                            net + ".0/24",
                            vrf,
                            active,
                            role,
                            tags,
                            fields,
                            t,
                            "https://netbox.example.org/api/ipam/prefixes/" + (2000 + i) + "/",
                            t));
            if (i % 2 == 1) {
                ranges.add(
                        new IpRange(
                                7000 + i,
                                net + ".20/24",
                                net + ".200/24",
                                vrf,
                                active,
                                role,
                                tags,
                                fields,
                                t,
                                "https://netbox.example.org/api/ipam/ip-ranges/" + (7000 + i) + "/",
                                t));
            }
        }
        ConfigBuild.Result result = ConfigBuild.from(prefixes, ranges, TestSettings.dhcpd());
        assertThat(result.errors()).isEmpty();
        return result.model();
    }

    private static JsonNode primary(RenderedConfig rendered) throws IOException {
        JsonNode tree =
                JSON.readTree(rendered.files().get(KeaConfigRenderer.fileName(PeerRole.PRIMARY)));
        // VRF names order the subnets; compare them by prefix
        ArrayNode subnets = (ArrayNode) tree.at("/Dhcp4/subnet4");
        List<JsonNode> sorted = new ArrayList<>();
        subnets.forEach(sorted::add);
        sorted.sort(Comparator.comparing(s -> s.get("subnet").asText()));
        subnets.removeAll();
        subnets.addAll(sorted);
        return tree;
    }

    /** JSON pointers of every string value that differs between two trees of the same shape. */
    private static void differingStrings(String at, JsonNode a, JsonNode b, TreeSet<String> out) {
        assertThat(b.getNodeType()).as("node type at " + at).isEqualTo(a.getNodeType());
        if (a.isObject()) {
            assertThat(fieldNames(b)).as("keys at " + at).isEqualTo(fieldNames(a));
            a.fields()
                    .forEachRemaining(
                            f ->
                                    differingStrings(
                                            at + "/" + f.getKey(),
                                            f.getValue(),
                                            b.get(f.getKey()),
                                            out));
        } else if (a.isArray()) {
            assertThat(b.size()).as("size at " + at).isEqualTo(a.size());
            for (int i = 0; i < a.size(); i++) {
                differingStrings(at + "/" + i, a.get(i), b.get(i), out);
            }
        } else if (a.isTextual()) {
            if (!a.equals(b)) {
                out.add(at.replaceAll("/\\d+", "/*"));
            }
        } else {
            assertThat(b).as("value at " + at).isEqualTo(a);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void hostileTextInEveryFreeTextField_changesOnlyUserContextStrings() throws IOException {
        KeaConfigRenderer renderer = new KeaConfigRenderer(KeaTestSettings.kea());
        JsonNode harmless = primary(renderer.render(model(i -> "x")));
        JsonNode hostile = primary(renderer.render(model(corpus::get)));

        TreeSet<String> differing = new TreeSet<>();
        differingStrings("", harmless, hostile, differing);

        assertThat(hostile.at("/Dhcp4/subnet4")).hasSize(corpus.size() + 2);
        assertThat(differing)
                .containsExactlyInAnyOrder(
                        "/Dhcp4/subnet4/*/user-context/comment",
                        "/Dhcp4/subnet4/*/user-context/netbox/url",
                        "/Dhcp4/subnet4/*/pools/*/user-context/netbox/url");
        for (JsonNode subnet : hostile.at("/Dhcp4/subnet4")) {
            assertThat(subnet.at("/user-context/comment").asText())
                    .matches("[A-Za-z0-9 .,:/_()@+=&*!?%<>\\[\\]|~^$-]*")
                    .hasSizeLessThan(300);
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("kea")
    void hostileTextInEveryFreeTextField_passesRealKeaForBothRoles() {
        ServerModel model = model(corpus::get);
        RenderedConfig rendered = new KeaConfigRenderer(KeaTestSettings.kea()).render(model);

        KeaCheck check = KeaTestSettings.checker(tempRoot).check(rendered, model);

        assertThat(check.roles().values())
                .allSatisfy(role -> assertThat(role.passed()).as(role.output()).isTrue());
    }
}
