package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The status page rendered from fixed {@code /status} documents: the full one (two peers, a rollout
 * of 7 steps, 20 of 30 subnets with their utilization, a held config, the audit tail) must give the
 * tables an operator reads at a glance, in accessible markup; it is written as polyglot markup, so
 * it is parsed here as XHTML and checked by structure, and it must pass {@code tidy -errors}. The
 * document for embedded defaults (target {@code none}) must render too: a real run of {@code serve}
 * once answered 500 there because the template read a key only a failing target sets. Qute renders
 * strictly and escapes HTML, as in the app.
 */
class StatusPageTemplateTest {

    private static final String HASH =
            "3f1c9a7be2d04c6f8a1b5e9d7c3f2a1b0e4d6c8a9b7f5e3d1c2b4a6f8e0d9c7b";

    @Test
    void fullDocument_peersShowShortHashesStatesWithColourAndMeaning() throws Exception {
        Document page = xhtml(render(fullDocument()));

        assertThat(texts(page, "//table[@id='peers']/caption")).singleElement().isNotNull();
        assertThat(count(page, "//table[@id='peers']/tbody/tr[@class='peer']")).isEqualTo(2);
        assertThat(texts(page, "//tr[@id='peer-primary']/td[1]/code"))
                .containsExactly(HASH.substring(0, 12));
        assertThat(attribute(page, "//tr[@id='peer-primary']/td[1]/code", "title")).isEqualTo(HASH);
        assertThat(attribute(page, "//tr[@id='peer-primary']/td[1]/button", "data-copy"))
                .isEqualTo(HASH);
        assertThat(attribute(page, "//tr[@id='peer-secondary']/td[3]/span[1]", "class"))
                .isEqualTo("state warn");
        assertThat(texts(page, "//tr[@id='peer-secondary']/td[3]/span"))
                .containsExactly(
                        "communications-interrupted", HealthMeaning.PARTNER_UNREACHABLE.meaning());
        assertThat(attribute(page, "//tr[@id='peer-primary']/td[3]/span[1]", "class"))
                .isEqualTo("state ok");
        assertThat(texts(page, "//tr[@id='peer-secondary']/td[2]/code"))
                .as("a mounted hash other than the running one is shown")
                .containsExactly("9e8d7c6b5a4f");
        assertThat(texts(page, "//tr[@id='peer-primary']/td[2]")).containsExactly("same");
    }

    @Test
    void fullDocument_lastRolloutIsOneRowPerStepWithPeerOutcomeDurationAndOneLineReason()
            throws Exception {
        Document page = xhtml(render(fullDocument()));

        List<String> steps = texts(page, "//table[@id='timeline']/tbody/tr/th");
        List<String> peers = texts(page, "//table[@id='timeline']/tbody/tr/td[1]");
        List<String> took = texts(page, "//table[@id='timeline']/tbody/tr/td[3]");
        List<String> reasons = texts(page, "//table[@id='timeline']/tbody/tr/td[5]");

        assertThat(steps)
                .containsExactly(
                        "publish",
                        "wait-mounted",
                        "restart",
                        "wait-normal",
                        "wait-mounted",
                        "restart",
                        "wait-normal");
        assertThat(peers).startsWith("-", "secondary", "secondary").endsWith("primary");
        assertThat(took)
                .containsExactly("120 ms", "1.5 s", "3.0 s", "2.2 s", "40 ms", "3.0 s", "4.1 s");
        assertThat(reasons).allSatisfy(r -> assertThat(r).hasSizeLessThanOrEqualTo(120));
        assertThat(reasons.get(6)).startsWith("local normal, partner normal after").endsWith("…");
        assertThat(texts(page, "//table[@id='timeline']/tbody/tr[1]/td[4]/time"))
                .as("relative to the document's generatedAt")
                .containsExactly("119 s ago");
        assertThat(attribute(page, "//table[@id='timeline']/tbody/tr[1]/td[4]/time", "datetime"))
                .isEqualTo("2026-12-07T02:08:00.100Z");
        assertThat(texts(page, "//*[@id='last-rollout-outcome']")).containsExactly("rolled-out");
        assertThat(attribute(page, "//table[@id='timeline']/tbody/tr[1]/td[4]/time", "title"))
                .isEqualTo("2026-12-07 02:08:00 UTC");
        assertThat(texts(page, "//main").get(0))
                .as("no ISO timestamps or ISO durations in the text people read")
                .doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT\\d")
                .doesNotContain("PT");
        assertThat(attribute(page, "//table[@id='timeline']/tbody/tr[1]/td[2]", "class"))
                .isEqualTo("ok");
    }

    @Test
    void fullDocument_poolsAreTheTwentyFullestWithBarsAndTheRestCounted() throws Exception {
        Document page = xhtml(render(fullDocument()));

        List<String> subnets = texts(page, "//table[@id='pools']/tbody/tr/th/code");
        List<String> shares = texts(page, "//table[@id='pools']/tbody/tr/td[2]");

        assertThat(subnets).hasSize(20).startsWith("10.0.0.0/24", "10.1.0.0/24");
        assertThat(shares).startsWith("98 %", "95 %").endsWith("41 %");
        assertThat(attribute(page, "//table[@id='pools']/tbody/tr[1]/td[1]/meter", "value"))
                .isEqualTo("98.0");
        assertThat(attribute(page, "//table[@id='pools']/tbody/tr[1]/td[2]", "class"))
                .isEqualTo("num bad");
        assertThat(texts(page, "//table[@id='pools']/tbody/tr[1]/td[3]"))
                .containsExactly("196 / 200");
        assertThat(texts(page, "//*[@id='pools-more']")).containsExactly("and 10 more subnets");
    }

    @Test
    void fullDocument_heldConfigSaysWhatTheBoundSawAndHowToConfirm() throws Exception {
        Document page = xhtml(render(fullDocument()));

        String held = texts(page, "//*[@id='held']").get(0).replaceAll("\\s+", " ");

        assertThat(held)
                .contains("would remove 6 of 9 published subnets")
                .contains("The bound saw 6 of 9 published subnets removed (67 %)")
                .contains("10.0.16.0/24")
                .contains("netbox-dhcpd confirm");
    }

    @Test
    void fullDocument_historyAndAuditTailAreAccessibleTablesWithEscapedText() throws Exception {
        String html = render(fullDocument());
        Document page = xhtml(html);

        assertThat(count(page, "//table[@id='recent-rollouts']/tbody/tr")).isEqualTo(2);
        assertThat(count(page, "//table[@id='recent-reconciles']/tbody/tr")).isEqualTo(3);
        assertThat(texts(page, "//table[@id='recent-reconciles']/tbody/tr/td[3]"))
                .containsExactly("held", "rolled-out", "rolled-out");
        assertThat(texts(page, "//table[@id='audit-tail']/tbody/tr/td[3]"))
                .first()
                .asString()
                .contains("<published>");
        assertThat(html).contains("&lt;published&gt;");
        assertThat(count(page, "//table[not(caption)]")).as("every table has a caption").isZero();
        assertThat(count(page, "//thead//th[not(@scope='col')]")).isZero();
        assertThat(count(page, "//tbody//th[not(@scope='row')]")).isZero();
        assertThat(count(page, "//table")).isEqualTo(6);
    }

    @Test
    void fullDocument_refreshesWithAndWithoutJavaScript() throws Exception {
        Document page = xhtml(render(fullDocument()));

        assertThat(attribute(page, "//head/noscript/meta", "http-equiv")).isEqualTo("refresh");
        assertThat(texts(page, "//script")).singleElement().asString().contains("fetch(");
        assertThat(attribute(page, "//main", "data-generated-at"))
                .isEqualTo("2026-12-07T02:10:00Z");
    }

    @Test
    void fullDocument_passesTidyWithoutErrorsOrWarnings() throws Exception {
        Path file = Files.createTempFile("status-page-", ".html");
        try {
            Files.writeString(file, render(fullDocument()));
            Process tidy =
                    new ProcessBuilder("tidy", "-errors", "-q", file.toString())
                            .redirectErrorStream(true)
                            .start();
            String output =
                    new String(tidy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(tidy.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(output).as("tidy -errors -q").isEmpty();
            assertThat(tidy.exitValue()).as(output).isZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void noTargetNoPeersNothingPublished_rendersThePageWithTheDiff() throws IOException {
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("added", List.of("10.0.11.0/24", "10.0.248.0/25"));
        diff.put("removed", List.of());
        diff.put("changed", List.of());
        diff.put("publishedSubnets", 0);
        diff.put("reconcileId", "r-1");
        diff.put("hash", "0afc");
        Map<String, Object> pending = new LinkedHashMap<>();
        pending.put("events", 0);
        pending.put("oldestAgeSeconds", null);
        pending.put("reconcileRunning", false);
        Map<String, Object> status = emptyDocument();
        status.put("lastDiff", diff);
        status.put("pending", pending);

        String html = render(status);

        assertThat(html)
                .contains("<code id=\"published-hash\">nothing published</code>")
                .contains("<p id=\"no-peers\">No peers reported.</p>")
                .contains("No rollout yet.")
                .contains("<code>10.0.248.0/25</code>")
                .contains("unknown: the agents' pool counts are not read yet.");
    }

    @Test
    void targetCouldNotBeAsked_showsWhyThereAreNoPeers() throws IOException {
        Map<String, Object> status = emptyDocument();
        status.put("rolloutError", "agent unreachable");

        assertThat(render(status))
                .contains("<p id=\"no-peers\">No peers reported (agent unreachable).</p>");
    }

    private static Map<String, Object> emptyDocument() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("generatedAt", "2026-12-07T02:10:00Z");
        status.put("publishedHash", null);
        status.put("peers", List.of());
        status.put("lastReconcile", null);
        status.put("lastRollout", null);
        status.put("lastDiff", null);
        status.put("held", null);
        status.put("pending", Map.of("events", 0, "reconcileRunning", false));
        status.put("recentRollouts", List.of());
        status.put("recentReconciles", List.of());
        status.put("pools", null);
        status.put("auditTail", List.of());
        return status;
    }

    static Map<String, Object> fullDocument() throws IOException {
        return new ObjectMapper()
                .readValue(
                        Path.of("src/test/resources/pipeline/status-page-full.json").toFile(),
                        new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    static String render(Map<String, Object> status) throws IOException {
        return StatusPageEngine.render(status);
    }

    private static Document xhtml(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    private static List<String> texts(Document page, String xpath) throws Exception {
        NodeList nodes = nodes(page, xpath);
        return java.util.stream.IntStream.range(0, nodes.getLength())
                .mapToObj(i -> nodes.item(i).getTextContent().strip())
                .toList();
    }

    private static int count(Document page, String xpath) throws Exception {
        return nodes(page, xpath).getLength();
    }

    private static String attribute(Document page, String xpath, String name) throws Exception {
        NodeList nodes = nodes(page, xpath);
        assertThat(nodes.getLength()).as(xpath).isEqualTo(1);
        return ((Element) nodes.item(0)).getAttribute(name);
    }

    private static NodeList nodes(Document page, String xpath) throws Exception {
        XPath path = XPathFactory.newInstance().newXPath();
        return (NodeList) path.evaluate(xpath, page, XPathConstants.NODESET);
    }
}
