package dk.npflan.dhcp.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.audit.AuditTypes;
import dk.npflan.dhcp.netbox.FakeNetBox;
import dk.npflan.dhcp.netbox.NetBoxObjects;
import dk.npflan.dhcp.rollout.RolloutControl;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The failure memory and the pause through the whole pipeline: real broker, fake NetBox, {@code
 * dhcpd -t}, the {@link FakeConfigRollout} (which asks the reconcile's guard as the roller does and
 * counts every peer restart), the audit topic, {@code /status}, the status page and the metrics.
 */
@QuarkusTest
@TestProfile(PipelineTestProfile.class)
@Tag("slow")
class RolloutControlPipelineTest {

    private static final String AUTH = "Bearer " + PipelineTestProfile.RECONCILE_TOKEN;
    private static AuditTrail audit;
    private static long nextPrefixId = 7000;

    @Inject FakeConfigRollout rollout;
    @Inject ReconcileLoop loop;
    @Inject ReconcileHistory history;

    @BeforeEach
    void startIdle() {
        if (audit == null) {
            audit = new AuditTrail();
        }
        PipelineEndToEndTest.awaitIdle(loop, history);
        reconcile(""); // the pair on NetBox's current render, whatever an earlier test left
    }

    /** Leaves no pause, no held bundle and no failing peer to the next test of this app. */
    @AfterEach
    void clearControl() {
        rollout.failNewBundles(false);
        rollout.control().update(c -> RolloutControl.NONE);
    }

    @AfterAll
    static void closeAudit() {
        audit.close();
    }

    /** A NetBox change: one more tagged prefix with a pool, so the next render has a new hash. */
    private static void changeNetBox() {
        long id = nextPrefixId++;
        FakeNetBox netbox = FakeNetBoxResource.netbox();
        netbox.objects(FakeNetBox.PREFIXES).add(NetBoxObjects.prefix(id, "dhcp"));
        netbox.objects(FakeNetBox.IP_RANGES).add(NetBoxObjects.range(id));
    }

    /** Undoes the last {@link #changeNetBox()}. */
    private static void revertNetBox() {
        FakeNetBox netbox = FakeNetBoxResource.netbox();
        List<ObjectNode> prefixes = netbox.objects(FakeNetBox.PREFIXES);
        List<ObjectNode> ranges = netbox.objects(FakeNetBox.IP_RANGES);
        prefixes.remove(prefixes.size() - 1);
        ranges.remove(ranges.size() - 1);
    }

    /** {@code POST /reconcile}; waits for it and returns its audit event types. */
    private static List<String> reconcile(String query) {
        long from = audit.end();
        String id =
                given().header("Authorization", AUTH)
                        .post("/reconcile" + query)
                        .then()
                        .statusCode(202)
                        .extract()
                        .path("reconcileId");
        return awaitCompleted(from, id);
    }

    private static List<String> awaitCompleted(long from, String reconcileId) {
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                audit.forReconcile(from, reconcileId).stream()
                                        .anyMatch(
                                                e ->
                                                        e.type()
                                                                .equals(
                                                                        AuditTypes
                                                                                .RECONCILE_COMPLETED)));
        return audit.forReconcile(from, reconcileId).stream().map(AuditTrail.Event::type).toList();
    }

    private static JsonPath status() {
        return given().get("/status").then().statusCode(200).extract().jsonPath();
    }

    /** A new NetBox render that rolls back; returns its hash. */
    private String rolledBackRender() {
        rollout.failNewBundles(true);
        changeNetBox();
        assertThat(reconcile("")).contains(AuditTypes.ROLLOUT_ROLLED_BACK, AuditTypes.BUNDLE_HELD);
        return history.last().orElseThrow().hash().orElseThrow();
    }

    @Test
    void rolledBack_theAuditCarriesTheRollersTypedReason_andThePeerItStoppedAt() {
        long from = audit.end();
        rolledBackRender();

        AuditTrail.Event rolledBack =
                audit.forReconcile(from, history.last().orElseThrow().reconcileId()).stream()
                        .filter(e -> e.type().equals(AuditTypes.ROLLOUT_ROLLED_BACK))
                        .findFirst()
                        .orElseThrow();
        assertThat(rolledBack.data().path("reasonCode").asText()).isEqualTo("start-failed");
        assertThat(rolledBack.data().path("stoppedAtPeer").asText()).isEqualTo("secondary");
        assertThat(rolledBack.data().path("reason").asText())
                .contains("start-failed: secondary did not start");
    }

    @Test
    void rolledBack_theNextResyncDoesNotPublishOrRestartAgain_andStatusShowsItHeld() {
        String held = rolledBackRender();
        int requests = rollout.requests().size();
        List<String> restarts = rollout.restarts();
        assertThat(restarts.subList(restarts.size() - 2, restarts.size()))
                .first()
                .isEqualTo("secondary@" + held);
        String before = history.last().orElseThrow().reconcileId();

        loop.requestResync(Trigger.RESYNC);
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                !history.last().orElseThrow().reconcileId().equals(before)
                                        && !loop.backlog().running());

        ReconcileReport resync = history.last().orElseThrow();
        assertThat(resync.trigger()).isEqualTo(Trigger.RESYNC);
        assertThat(resync.outcome()).isEqualTo(ReconcileOutcome.BUNDLE_HELD);
        assertThat(resync.message()).contains("POST /reconcile?force=true");
        assertThat(rollout.requests()).hasSize(requests);
        assertThat(rollout.restarts()).isEqualTo(restarts);
        JsonPath status = status();
        assertThat(status.getString("heldBundle.heldHash")).isEqualTo(held);
        assertThat(status.getString("heldBundle.cause")).isEqualTo("rolled-back");
        assertThat(status.getInt("heldBundle.failures")).isEqualTo(1);
        assertThat(status.getString("heldBundle.retryAt")).isNotBlank();
        assertThat(given().get("/").then().extract().asString())
                .contains("<div class=\"held\" id=\"held-bundle\">")
                .contains("<code title=\"" + held + "\">" + ShortHash.of(held) + "</code>");
        assertThat(PipelineEndToEndTest.metric("netbox_dhcpd_bundle_held")).isEqualTo(1);
        assertThat(PipelineEndToEndTest.metric("netbox_dhcpd_bundle_held_retry_timestamp_seconds"))
                .isPositive();
    }

    @Test
    void heldBundle_aDifferentNetBoxRenderIsRolledOut_andReleasesTheHold() {
        String held = rolledBackRender();
        rollout.failNewBundles(false);
        changeNetBox();

        List<String> types = reconcile("");

        assertThat(types).contains(AuditTypes.ROLLOUT_COMPLETED, AuditTypes.BUNDLE_RELEASED);
        assertThat(rollout.published().orElseThrow().sha256()).isNotEqualTo(held);
        assertThat(status().getString("heldBundle")).isNull();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> PipelineEndToEndTest.metric("netbox_dhcpd_bundle_held") == 0);
    }

    @Test
    void heldBundle_netBoxRevertedToWhatThePairRuns_isUnchangedAndReleasesTheHold() {
        rolledBackRender();
        int requests = rollout.requests().size();
        revertNetBox();

        assertThat(reconcile("")).contains(AuditTypes.BUNDLE_RELEASED);

        assertThat(history.last().orElseThrow().outcome()).isEqualTo(ReconcileOutcome.UNCHANGED);
        assertThat(rollout.requests()).hasSize(requests);
        assertThat(status().getString("heldBundle")).isNull();
    }

    @Test
    void heldBundle_reconcileWithoutForceHoldsIt_forceRollsItOut() {
        String held = rolledBackRender();
        rollout.failNewBundles(false);
        int requests = rollout.requests().size();

        assertThat(reconcile("")).contains(AuditTypes.ROLLOUT_HELD);
        assertThat(rollout.requests()).hasSize(requests);

        assertThat(reconcile("?force=true"))
                .contains(AuditTypes.ROLLOUT_COMPLETED, AuditTypes.BUNDLE_RELEASED)
                .doesNotContain(AuditTypes.ROLLOUT_HELD);
        assertThat(rollout.requests()).hasSize(requests + 1);
        assertThat(rollout.published().orElseThrow().sha256()).isEqualTo(held);
    }

    @Test
    void paused_reconcilesRenderAndCheckButNothingReachesThePair_resumeRollsItOut() {
        given().post("/rollouts/pause").then().statusCode(401);
        long from = audit.end();
        given().header("Authorization", AUTH)
                .queryParam("note", "event freeze\nweekend")
                .post("/rollouts/pause")
                .then()
                .statusCode(200)
                .body("paused", org.hamcrest.Matchers.equalTo(true))
                .body("note", org.hamcrest.Matchers.equalTo("event freeze weekend"))
                .body("audited", org.hamcrest.Matchers.equalTo(true));
        assertThat(audit.since(from))
                .extracting(AuditTrail.Event::type)
                .contains(AuditTypes.ROLLOUTS_PAUSED);
        int requests = rollout.requests().size();
        int restarts = rollout.restarts().size();
        changeNetBox();

        assertThat(reconcile("?force=true"))
                .contains(AuditTypes.CONFIG_RENDERED, AuditTypes.ROLLOUT_WITHHELD)
                .doesNotContain(AuditTypes.ROLLOUT_COMPLETED);
        assertThat(history.last().orElseThrow().outcome()).isEqualTo(ReconcileOutcome.PAUSED);
        assertThat(rollout.requests()).hasSize(requests);
        assertThat(rollout.restarts()).hasSize(restarts);
        assertThat(status().getString("paused.note")).isEqualTo("event freeze weekend");
        assertThat(given().get("/").then().extract().asString())
                .contains("<div class=\"held\" id=\"paused\"><strong>Rollouts are paused</strong>");
        assertThat(PipelineEndToEndTest.metric("netbox_dhcpd_rollouts_paused")).isEqualTo(1);

        given().post("/rollouts/resume").then().statusCode(401);
        long resumedFrom = audit.end();
        String id =
                given().header("Authorization", AUTH)
                        .post("/rollouts/resume")
                        .then()
                        .statusCode(200)
                        .body("paused", org.hamcrest.Matchers.equalTo(false))
                        .extract()
                        .path("reconcileId");

        assertThat(awaitCompleted(resumedFrom, id)).contains(AuditTypes.ROLLOUT_COMPLETED);
        assertThat(audit.since(resumedFrom))
                .extracting(AuditTrail.Event::type)
                .contains(AuditTypes.ROLLOUTS_RESUMED);
        assertThat(rollout.requests()).hasSize(requests + 1);
        assertThat(status().getString("paused")).isNull();
        assertThat(PipelineEndToEndTest.metric("netbox_dhcpd_rollouts_paused")).isZero();
    }
}
