package dk.npflan.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.netbox.Choice;
import dk.npflan.dhcp.netbox.IpRange;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.netbox.Ref;
import dk.npflan.dhcp.netbox.Tag;
import dk.npflan.dhcp.netbox.Vrf;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A corpus of hostile strings (braces, semicolons, line breaks, quotes, {@code include
 * "/etc/shadow"}, unicode, 10 KB) in every free-text field must not change the structure of the
 * config: with comments stripped, the output equals the output for harmless text, and both roles
 * pass the real dhcpd -t.
 */
class HostileTextTest {

    private static List<String> corpus;
    private final DhcpdSettings settings = TestSettings.dhcpd();

    @BeforeAll
    static void loadCorpus() throws IOException {
        try (InputStream in = HostileTextTest.class.getResourceAsStream("/hostile/strings.json")) {
            corpus = new ObjectMapper().readValue(in, new TypeReference<List<String>>() {});
        }
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(50);
    }

    /**
     * One /24 per corpus entry, with {@code text(i)} in every free-text field of the prefix and its
     * IP range.
     */
    private static ConfigBuild.Result build(
            IntFunction<String> text,
            IntFunction<Map<String, JsonNode>> optionFields,
            DhcpdSettings settings) {
        List<Prefix> prefixes = new ArrayList<>();
        List<IpRange> ranges = new ArrayList<>();
        Choice active = new Choice("active", "Active");
        for (int i = 0; i < corpus.size(); i++) {
            String t = text.apply(i);
            Vrf vrf = new Vrf(100 + i, t, t);
            Ref role = new Ref(i, t, t);
            List<Tag> tags = List.of(new Tag(7, "dhcp", "dhcp"), new Tag(8, t, "hostile"));
            Map<String, JsonNode> fields = new LinkedHashMap<>(optionFields.apply(i));
            fields.put("dhcp_notes", TextNode.valueOf(t));
            fields.put("owner_contact", TextNode.valueOf(t));
            fields.put("some_number", IntNode.valueOf(i));
            String cidr = "10.77." + i + ".0/24";
            prefixes.add(
                    new Prefix(
                            1000 + i,
                            cidr,
                            vrf,
                            active,
                            role,
                            tags,
                            fields,
                            t,
                            "https://netbox.example.org/api/ipam/prefixes/" + (1000 + i) + "/",
                            "https://netbox.example.org/ipam/prefixes/" + (1000 + i) + "/"));
            if (i % 2 == 0) {
                ranges.add(
                        new IpRange(
                                5000 + i,
                                "10.77." + i + ".10/24",
                                "10.77." + i + ".100/24",
                                vrf,
                                active,
                                role,
                                tags,
                                Map.of("dhcp_notes", TextNode.valueOf(t)),
                                t,
                                "https://netbox.example.org/api/ipam/ip-ranges/" + (5000 + i) + "/",
                                null));
            }
        }
        return ConfigBuild.from(prefixes, ranges, settings);
    }

    /** The config without comments, subnet blocks sorted (VRF names influence the order). */
    private static List<String> structure(RenderedConfig rendered) {
        return Stream.of(rendered.config().replaceAll("(?m)#.*$", "").split("\nsubnet "))
                .map(String::strip)
                .sorted()
                .toList();
    }

    @Test
    void hostileTextInEveryFreeTextField_rendersExactlyTheExpectedSubnets() {
        ConfigBuild.Result harmless = build(i -> "x", i -> Map.of(), settings);
        ConfigBuild.Result hostile = build(corpus::get, i -> Map.of(), settings);

        assertThat(hostile.errors()).isEmpty();
        assertThat(hostile.reports()).isEmpty();
        assertThat(hostile.model().subnets()).hasSize(corpus.size());
        assertThat(structure(hostile.rendered())).isEqualTo(structure(harmless.rendered()));
        assertThat(hostile.rendered().failover(PeerRole.PRIMARY))
                .isEqualTo(harmless.rendered().failover(PeerRole.PRIMARY));
        assertThat(hostile.rendered().config().lines().filter(l -> l.startsWith("#")))
                .allSatisfy(
                        line ->
                                assertThat(line)
                                        .matches("# [A-Za-z0-9 .,:/_()@+=&*!?%<>\\[\\]|~^$-]*"))
                .allSatisfy(line -> assertThat(line.length()).isLessThan(300));
    }

    @Test
    @org.junit.jupiter.api.Tag("dhcpd")
    void hostileTextInEveryFreeTextField_passesRealDhcpdForBothRoles() {
        ConfigBuild.Result hostile = build(corpus::get, i -> Map.of(), settings);

        assertThat(TestSettings.syntaxChecker(settings).check(hostile.rendered()).roles().values())
                .allSatisfy(role -> assertThat(role.isValid()).as(role.output()).isTrue());
    }

    @Test
    @org.junit.jupiter.api.Tag("dhcpd")
    void hostileTextInOptionCustomFields_isRefusedPerPrefixAndNeverRendered() {
        DhcpdSettings.CustomFields cf = settings.customFields();
        IntFunction<Map<String, JsonNode>> hostileOptions =
                i ->
                        Map.of(
                                cf.routers(), TextNode.valueOf(corpus.get(i)),
                                cf.domainNameServers(), TextNode.valueOf(corpus.get(i)),
                                cf.domainName(), TextNode.valueOf(corpus.get(i)),
                                cf.defaultLeaseTime(), TextNode.valueOf(corpus.get(i)),
                                cf.maxLeaseTime(), TextNode.valueOf(corpus.get(i)),
                                cf.ntpServers(), TextNode.valueOf(corpus.get(i)));
        ConfigBuild.Result harmless = build(i -> "x", i -> Map.of(), settings);
        ConfigBuild.Result hostile = build(corpus::get, hostileOptions, settings);

        List<String> blank = List.of("", " ", "  leading and trailing  ");
        for (int i = 0; i < corpus.size(); i++) {
            long id = 1000 + i;
            assertThat(hostile.errors())
                    .as("errors for corpus entry %d", i)
                    .filteredOn(e -> e.object().id() == id)
                    .allSatisfy(
                            e -> assertThat(e.kind()).isEqualTo(ConfigProblem.Kind.INVALID_OPTION))
                    .hasSizeBetween(blank.contains(corpus.get(i)) ? 0 : 4, 6);
        }
        assertThat(hostile.model().subnets()).hasSize(corpus.size());
        assertThat(structure(hostile.rendered())).isEqualTo(structure(harmless.rendered()));
        assertThat(TestSettings.syntaxChecker(settings).check(hostile.rendered()).isValid())
                .isTrue();
    }
}
