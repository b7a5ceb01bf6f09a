package dk.npflan.dhcp.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How each kind of audit event becomes a line: pure, no broker. */
class AuditLineTest {

    private static final String HASH =
            "3f2a9c1d5e7b00112233445566778899aabbccddeeff00112233445566778899";
    private static final String TIME = "2026-05-01T10:00:00.123Z";
    private static final String CORRELATION =
            "\"reconcileId\":\"r-1\",\"netboxRequestIds\":[\"req-1\",\"req-2\"],"
                    + "\"netboxUsers\":[\"alice\"]";

    private static AuditEvent event(String type, String subject, String data) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", "r-1-1");
        headers.put("ce_source", "urn:netbox-dhcpd:host1");
        headers.put("ce_type", AuditLine.TYPE_PREFIX + type);
        if (subject != null) {
            headers.put("ce_subject", subject);
        }
        headers.put("ce_time", TIME);
        headers.put("content-type", "application/json");
        headers.put("traceparent", "00-abc-def-01");
        return AuditEvent.of("r-1", headers, data);
    }

    @Test
    void stepCompleted_timeTypeShortHashThenStepPeerOutcomeDurationAndBothPeersStates() {
        String line =
                AuditLine.human(
                        event(
                                "rollout.step.completed",
                                HASH,
                                "{\"step\":\"restart-secondary\",\"peer\":\"secondary\","
                                        + "\"outcome\":\"done\",\"reason\":\"pair-normal\","
                                        + "\"note\":\"both normal\",\"detail\":\"ok\","
                                        + "\"durationMillis\":5123,\"failover\":{\"observedAt\":"
                                        + "\"x\",\"secondary\":{\"localState\":\"normal\","
                                        + "\"partnerState\":\"normal\"},\"primary\":"
                                        + "{\"unreachable\":\"refused\"}},"
                                        + CORRELATION
                                        + "}"));

        assertThat(line)
                .isEqualTo(
                        TIME
                                + " rollout.step.completed 3f2a9c1d5e7b step=restart-secondary"
                                + " peer=secondary outcome=done took=5123ms"
                                + " secondary=normal/normal primary=unreachable");
    }

    @Test
    void stepHalted_addsReasonAndDetail() {
        String line =
                AuditLine.human(
                        event(
                                "rollout.step.halted",
                                HASH,
                                "{\"step\":\"restart-primary\",\"peer\":\"primary\","
                                        + "\"outcome\":\"halt\",\"reason\":\"not-normal\","
                                        + "\"detail\":\"secondary in recover-wait\","
                                        + "\"durationMillis\":30000}"));

        assertThat(line)
                .endsWith(
                        "step=restart-primary peer=primary outcome=halt took=30000ms"
                                + " reason=not-normal detail=\"secondary in recover-wait\"");
    }

    @Test
    void stepStarted_isShownAsStartedWithoutDuration() {
        String line =
                AuditLine.human(
                        event(
                                "rollout.step.started",
                                HASH,
                                "{\"step\":\"restart-primary\",\"peer\":\"primary\",\"hash\":\""
                                        + HASH
                                        + "\",\"restartReason\":\"config-changed\"}"));

        assertThat(line)
                .endsWith(
                        "rollout.step.started   3f2a9c1d5e7b step=restart-primary peer=primary"
                                + " outcome=started");
    }

    @Test
    void reconcileCompleted_triggerOutcomeEventsDurationAndRequestIds() {
        String line =
                AuditLine.human(
                        event(
                                "reconcile.completed",
                                HASH,
                                "{\"outcome\":\"rolled-out\",\"trigger\":\"webhook\","
                                        + "\"events\":2,\"durationMillis\":812,\"message\":\"\","
                                        + CORRELATION
                                        + "}"));

        assertThat(line)
                .endsWith(
                        "reconcile.completed    3f2a9c1d5e7b trigger=webhook outcome=rolled-out"
                                + " events=2 took=812ms requests=[req-1,req-2]");
    }

    @Test
    void reconcileStartedBeforeRender_noSubject_dashInTheHashColumn() {
        String line =
                AuditLine.human(
                        event(
                                "reconcile.started",
                                null,
                                "{\"trigger\":\"startup\",\"force\":false,\"events\":0,"
                                        + "\"inventory\":\"file x.json\"}"));

        assertThat(line)
                .isEqualTo(TIME + " reconcile.started      -            trigger=startup events=0");
    }

    @Test
    void reconcileFailed_stageProblemAndMessageOnOneLine() {
        String line =
                AuditLine.human(
                        event(
                                "reconcile.failed",
                                null,
                                "{\"stage\":\"inventory\",\"problem\":\"UNAVAILABLE\","
                                        + "\"message\":\"HTTP 500\\nat offset=90\"}"));

        assertThat(line)
                .endsWith("stage=inventory problem=UNAVAILABLE message=\"HTTP 500 at offset=90\"")
                .doesNotContain("\n");
    }

    @Test
    void configRendered_countsAndTheDiff() {
        String line =
                AuditLine.human(
                        event(
                                "config.rendered",
                                HASH,
                                "{\"subnets\":199,\"pools\":150,\"reports\":1,"
                                        + "\"publishedHash\":\"aa\",\"added\":[\"10.1.9.0/24\"],"
                                        + "\"removed\":[],\"changed\":[\"10.1.1.0/24\","
                                        + "\"10.1.2.0/24\"]}"));

        assertThat(line)
                .endsWith(
                        "config.rendered        3f2a9c1d5e7b subnets=199 pools=150 reports=1"
                                + " added=[10.1.9.0/24] removed=[]"
                                + " changed=[10.1.1.0/24,10.1.2.0/24]");
    }

    @Test
    void configRenderedFromNothing_longDiffListsTenAndCountsTheRest() {
        List<String> added =
                IntStream.range(0, 25).mapToObj(i -> "\"10.2." + i + ".0/24\"").toList();
        String line =
                AuditLine.human(
                        event(
                                "config.rendered",
                                HASH,
                                "{\"subnets\":25,\"pools\":25,\"reports\":0,\"added\":"
                                        + added
                                        + ",\"removed\":[],\"changed\":[]}"));

        assertThat(line)
                .contains("added=[10.2.0.0/24,")
                .contains("10.2.9.0/24,+15 more]")
                .doesNotContain("10.2.10.0/24");
    }

    @Test
    void otherType_compactJsonOfTheFactsWithoutCorrelation_truncatedAt200() {
        String reason = "x".repeat(300);
        String line =
                AuditLine.human(
                        event(
                                "rollout.failed",
                                HASH,
                                "{\"forced\":false,\"reason\":\""
                                        + reason
                                        + "\","
                                        + CORRELATION
                                        + "}"));

        String summary = line.substring(line.indexOf("3f2a9c1d5e7b ") + 13);
        assertThat(summary)
                .startsWith("{\"forced\":false,\"reason\":\"xxx")
                .endsWith("…")
                .doesNotContain("reconcileId")
                .hasSize(AuditLine.MAX_SUMMARY);
    }

    @Test
    void shortOtherType_wholeJson() {
        assertThat(AuditLine.human(event("config.rejected", HASH, "{\"errors\":[]}")))
                .endsWith("config.rejected        3f2a9c1d5e7b {\"errors\":[]}");
    }

    @Test
    void valueNotJson_orNoValue_printedAsTextOrDash() {
        assertThat(AuditLine.human(event("odd", null, "plain text"))).endsWith(" plain text");
        assertThat(AuditLine.human(event("odd", null, null)))
                .endsWith("odd" + " ".repeat(20) + "-            -");
    }

    @Test
    void recordWithoutCloudEventHeaders_dashesForTimeTypeAndHash() {
        AuditEvent bare = AuditEvent.of(null, Map.of(), "{\"a\":1}");

        assertThat(AuditLine.human(bare))
                .isEqualTo("- -" + " ".repeat(22) + "-" + " ".repeat(12) + "{\"a\":1}");
    }

    @Test
    void json_isTheCloudEventWithPartitionKeyAndParsedData_otherHeadersLeftOut() throws Exception {
        String line =
                AuditLine.json(
                        event(
                                "config.rendered",
                                HASH,
                                "{\"subnets\":1,\"added\":[\"10.1.9.0/24\"]," + CORRELATION + "}"));

        JsonNode node = new ObjectMapper().readTree(line);
        assertThat(line).doesNotContain("\n");
        assertThat(node.path("specversion").asText()).isEqualTo("1.0");
        assertThat(node.path("id").asText()).isEqualTo("r-1-1");
        assertThat(node.path("source").asText()).isEqualTo("urn:netbox-dhcpd:host1");
        assertThat(node.path("type").asText()).isEqualTo("dk.npflan.netbox-dhcpd.config.rendered");
        assertThat(node.path("subject").asText()).isEqualTo(HASH);
        assertThat(node.path("time").asText()).isEqualTo(TIME);
        assertThat(node.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(node.path("partitionkey").asText()).isEqualTo("r-1");
        assertThat(node.path("data").path("added").get(0).asText()).isEqualTo("10.1.9.0/24");
        assertThat(node.path("data").path("netboxUsers").get(0).asText()).isEqualTo("alice");
        assertThat(node.has("traceparent")).isFalse();
    }

    @Test
    void json_valueNotJson_dataIsAString() throws Exception {
        JsonNode node = new ObjectMapper().readTree(AuditLine.json(event("odd", null, "a\nb")));

        assertThat(node.path("data").asText()).isEqualTo("a\nb");
        assertThat(node.has("subject")).isFalse();
    }
}
