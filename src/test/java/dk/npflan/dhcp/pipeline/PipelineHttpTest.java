package dk.npflan.dhcp.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code /status}, {@code /}, {@code /preview}, {@code /reconcile} and the OpenAPI document. */
@QuarkusTest
@TestProfile(PipelineTestProfile.class)
@Tag("slow")
class PipelineHttpTest {

    @Inject FakeConfigRollout rollout;
    @Inject ReconcileHistory history;

    @BeforeEach
    void awaitFirstRollout() {
        await().atMost(Duration.ofSeconds(60)).until(() -> history.lastRollout().isPresent());
    }

    @Test
    void status_showsPublishedHashPeersLastRolloutWithStepsAndPendingEvents() {
        String hash = rollout.published().orElseThrow().sha256();
        given().get("/status")
                .then()
                .statusCode(200)
                .body("publishedHash", equalTo(hash))
                .body("peers", hasSize(2))
                .body("peers[1].role", equalTo("secondary"))
                .body("peers[1].runningHash", equalTo(hash))
                .body("peers[1].localState", equalTo("normal"))
                .body("peers[1].partnerState", equalTo("normal"))
                .body("peers[1].ready", equalTo(true))
                .body("lastRollout.outcome", equalTo("rolled-out"))
                .body(
                        "lastRollout.steps.step",
                        org.hamcrest.Matchers.contains("publish", "restart", "restart"))
                .body("lastRollout.steps[1].peer", equalTo("secondary"))
                .body("lastDiff.added", notNullValue())
                .body("pending.events", equalTo(0));
    }

    @Test
    void statusPage_rendersPeersShortHashStepRowsAndDiff() {
        String hash = rollout.published().orElseThrow().sha256();
        String html =
                given().get("/")
                        .then()
                        .statusCode(200)
                        .contentType(containsString("text/html"))
                        .extract()
                        .asString();
        assertThat(html)
                .contains(
                        "<code id=\"published-hash\" title=\""
                                + hash
                                + "\">"
                                + hash.substring(0, 12)
                                + "</code>")
                .contains("<tr class=\"peer\" id=\"peer-primary\"><th scope=\"row\">primary</th>")
                .contains(">normal</span>")
                .contains("<strong id=\"last-rollout-outcome\">rolled-out</strong>")
                .contains("<tr class=\"step\"><th scope=\"row\">publish</th>")
                .contains("<th scope=\"row\">restart</th><td>secondary</td>")
                .contains("<ul id=\"diff\">");
    }

    @Test
    void preview_rendersNowWithoutPublishingOrAuditing() {
        int rollouts = rollout.requests().size();
        long reconciles = history.last().map(r -> r.startedAt().toEpochMilli()).orElse(0L);
        given().get("/preview")
                .then()
                .statusCode(200)
                .body("verdict", equalTo("unchanged"))
                .body("hash", equalTo(rollout.published().orElseThrow().sha256()))
                .body("diff.added", hasSize(0))
                .body("diff.removed", hasSize(0))
                .body("reservations", equalTo(0))
                .body("diff.reservations.added", hasSize(0))
                .body("diff.reservations.removed", hasSize(0))
                .body("diff.reservations.changed", hasSize(0));
        assertThat(rollout.requests()).hasSize(rollouts);
        assertThat(history.last().map(r -> r.startedAt().toEpochMilli()).orElse(0L))
                .isEqualTo(reconciles);
    }

    @Test
    void reconcile_withoutOrWithAWrongToken_is401() {
        given().post("/reconcile").then().statusCode(401).body("type", containsString("bad-token"));
        given().header("Authorization", "Bearer wrong")
                .post("/reconcile")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void reconcile_withTheToken_queuesAManualReconcile() {
        String id =
                given().header("Authorization", "Bearer " + PipelineTestProfile.RECONCILE_TOKEN)
                        .post("/reconcile")
                        .then()
                        .statusCode(202)
                        .body("status", equalTo("queued"))
                        .extract()
                        .path("reconcileId");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> history.last().filter(r -> r.reconcileId().equals(id)).isPresent());
        assertThat(history.last().orElseThrow().trigger()).isEqualTo(Trigger.MANUAL);
        assertThat(history.last().orElseThrow().outcome()).isEqualTo(ReconcileOutcome.UNCHANGED);
    }

    @Test
    void openApi_documentsEveryEndpoint() {
        String doc =
                given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(doc)
                .contains("\"/status\"")
                .contains("\"/reconcile\"")
                .contains("\"/preview\"")
                .contains("\"/webhooks/netbox\"")
                .contains("\"/\"");
    }

    @Test
    void metrics_carryHelpTextAndThePipelineSeries() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("# HELP netbox_dhcpd_reconcile_duration_seconds")
                .contains(
                        "netbox_dhcpd_reconciles_total{outcome=\"rolled-out\",trigger=\"startup\"}")
                .contains("# HELP netbox_dhcpd_reconcile_events_coalesced")
                .contains(
                        "netbox_dhcpd_config_info{hash=\""
                                + rollout.published().orElseThrow().sha256()
                                + "\"} 1.0")
                .contains("netbox_dhcpd_config_subnets ")
                .contains("netbox_dhcpd_config_pools ")
                .contains("netbox_dhcpd_last_successful_rollout_timestamp_seconds ")
                .contains("netbox_dhcpd_rollout_step_duration_seconds_count{step=\"publish\"}")
                .contains("netbox_dhcpd_pending_events ")
                .contains("netbox_dhcpd_pending_event_age_seconds ");
    }
}
