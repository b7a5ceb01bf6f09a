package dk.npflan.dhcp.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.audit.AuditTypes;
import dk.npflan.dhcp.kafka.KafkaTestBroker;
import dk.npflan.dhcp.netbox.FakeNetBox;
import dk.npflan.dhcp.netbox.NetBoxObjects;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pipeline end to end on a real broker: signed webhook → {@code netbox.events} → consumer →
 * fake NetBox → render → {@code dhcpd -t} → fake rollout → CloudEvents on {@code dhcp.audit}.
 */
@QuarkusTest
@TestProfile(PipelineTestProfile.class)
@Tag("slow")
class PipelineEndToEndTest {

    private static AuditTrail audit;
    private static SignedWebhooks webhooks;
    private static long nextPrefixId = 100;

    @TestHTTPResource("/webhooks/netbox")
    URI endpoint;

    @Inject FakeConfigRollout rollout;
    @Inject ReconcileLoop loop;
    @Inject ReconcileHistory history;

    @BeforeAll
    static void openAudit() {
        audit = new AuditTrail();
    }

    @AfterAll
    static void close() {
        audit.close();
        if (webhooks != null) {
            webhooks.close();
        }
    }

    @BeforeEach
    void awaitIdle() {
        if (webhooks == null) {
            webhooks = new SignedWebhooks(endpoint);
        }
        awaitIdle(loop, history);
    }

    /** Waits until the startup reconcile ran and no reconcile runs or waits. */
    static void awaitIdle(ReconcileLoop loop, ReconcileHistory history) {
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                history.last().isPresent()
                                        && loop.backlog().events() == 0
                                        && !loop.backlog().running());
    }

    private static FakeNetBox netbox() {
        return FakeNetBoxResource.netbox();
    }

    /** Adds a tagged prefix with a pool to the fake NetBox; returns its id. */
    private static long addPrefix() {
        long id = nextPrefixId++;
        netbox().objects(FakeNetBox.PREFIXES).add(NetBoxObjects.prefix(id, "dhcp"));
        netbox().objects(FakeNetBox.IP_RANGES).add(NetBoxObjects.range(id));
        return id;
    }

    @Test
    void startup_runsAFullReconcileThatRollsOutTheInventory() {
        assertThat(rollout.requests()).isNotEmpty();
        RolloutRequest first = rollout.requests().get(0);
        assertThat(first.bundle().config()).contains("subnet 10.0.1.0 netmask 255.255.255.0");
        List<AuditTrail.Event> events = audit.forReconcile(0, first.reconcileId());
        assertThat(events)
                .extracting(AuditTrail.Event::type)
                .startsWith(AuditTypes.RESYNC_STARTED, AuditTypes.RECONCILE_STARTED)
                .contains(AuditTypes.ROLLOUT_COMPLETED);
        assertThat(events.get(0).data().path("trigger").asText()).isEqualTo("startup");
    }

    @Test
    void signedWebhook_rollsOutAndTheAuditTopicCarriesTheCloudEventsInOrder() {
        long from = audit.end();
        int rolloutsBefore = rollout.requests().size();
        long id = addPrefix();
        String requestId = UUID.randomUUID().toString();

        assertThat(webhooks.post("created", id, requestId, "alice")).isEqualTo(202);

        List<AuditTrail.Event> events = awaitReconciled(from, requestId);
        assertThat(events)
                .extracting(AuditTrail.Event::type)
                .containsExactly(
                        AuditTypes.RECONCILE_STARTED,
                        AuditTypes.CONFIG_RENDERED,
                        AuditTypes.ROLLOUT_STEP_COMPLETED,
                        AuditTypes.ROLLOUT_STEP_COMPLETED,
                        AuditTypes.ROLLOUT_STEP_COMPLETED,
                        AuditTypes.ROLLOUT_COMPLETED,
                        AuditTypes.RECONCILE_COMPLETED);
        RolloutRequest rolled = rollout.requests().get(rolloutsBefore);
        assertThat(rolled.netboxRequestIds()).containsExactly(requestId);
        String hash = rolled.hash();
        for (AuditTrail.Event e : events) {
            assertThat(e.headers())
                    .containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_source", PipelineTestProfile.SOURCE)
                    .containsEntry("content-type", "application/json")
                    .containsKey("ce_id")
                    .containsKey("ce_time");
            assertThat(e.key()).isEqualTo(rolled.reconcileId());
            assertThat(e.data().path("netboxUsers").toString()).contains("alice");
            assertThat(e.data().toString()).doesNotContain(FakeNetBoxResource.TOKEN);
        }
        assertThat(events.subList(1, events.size()))
                .allSatisfy(e -> assertThat(e.headers()).containsEntry("ce_subject", hash));
        AuditTrail.Event rendered = events.get(1);
        assertThat(rendered.data().path("added").toString()).contains(cidr(id));
        assertThat(rendered.data().path("removed").size()).isZero();
        assertThat(events.get(2).data().path("step").asText()).isEqualTo("publish");
        assertThat(events.get(3).data().path("peer").asText()).isEqualTo("secondary");
        assertThat(events.get(4).data().path("peer").asText()).isEqualTo("primary");
        assertThat(events.get(3).data().path("rolloutId").asText()).isNotEmpty();
        assertThat(events.get(6).data().path("outcome").asText()).isEqualTo("rolled-out");
    }

    @Test
    void burstOf1000SignedWebhooks_isOneRenderAndOneRollout() {
        long from = audit.end();
        int rolloutsBefore = rollout.requests().size();
        double coalescedBefore = metric("netbox_dhcpd_reconcile_events_coalesced_sum");
        double reconcilesBefore = metric("netbox_dhcpd_reconcile_events_coalesced_count");
        String requestId = UUID.randomUUID().toString();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            bodies.add(SignedWebhooks.body("updated", addPrefix(), requestId, "bulk"));
        }

        long started = System.nanoTime();
        assertThat(webhooks.postAll(bodies)).containsOnly(202);
        Duration sending = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("burst: 1000 webhooks sent in " + sending.toMillis() + " ms");

        awaitReconciled(from, requestId);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> loop.backlog().events() == 0);
        List<AuditTrail.Event> events = audit.forRequest(from, requestId);
        assertThat(events).filteredOn(e -> e.type().equals(AuditTypes.CONFIG_RENDERED)).hasSize(1);
        assertThat(events)
                .filteredOn(e -> e.type().equals(AuditTypes.ROLLOUT_COMPLETED))
                .hasSize(1);
        assertThat(rollout.requests()).hasSize(rolloutsBefore + 1);
        assertThat(metric("netbox_dhcpd_reconcile_events_coalesced_count") - reconcilesBefore)
                .isEqualTo(1);
        assertThat(metric("netbox_dhcpd_reconcile_events_coalesced_sum") - coalescedBefore)
                .isEqualTo(1000);
        assertThat(sending)
                .as("the burst must arrive within the quiet period's reach")
                .isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void eventsDuringARollout_causeExactlyOneFollowUpReconcile() throws Exception {
        long from = audit.end();
        int rolloutsBefore = rollout.requests().size();
        CountDownLatch release = rollout.holdNextRollout();
        String first = UUID.randomUUID().toString();
        webhooks.post("created", addPrefix(), first, "alice");
        assertThat(rollout.awaitHeld()).isTrue();

        String during = UUID.randomUUID().toString();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bodies.add(SignedWebhooks.body("created", addPrefix(), during, "bob"));
        }
        assertThat(webhooks.postAll(bodies)).containsOnly(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.backlog().events() == 5);
        release.countDown();

        awaitReconciled(from, during);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> rollout.requests().size() == rolloutsBefore + 2);
        assertThat(rollout.requests().get(rolloutsBefore).netboxRequestIds())
                .containsExactly(first);
        assertThat(rollout.requests().get(rolloutsBefore + 1).netboxRequestIds())
                .containsExactly(during);
        assertThat(audit.forRequest(from, during))
                .filteredOn(e -> e.type().equals(AuditTypes.RECONCILE_STARTED))
                .hasSize(1)
                .allSatisfy(e -> assertThat(e.data().path("events").asInt()).isEqualTo(5));
    }

    @Test
    void invalidInventory_isRejectedNamingTheNetBoxObject_andNothingIsPublished() {
        long from = audit.end();
        int rolloutsBefore = rollout.requests().size();
        List<ObjectNode> prefixes = netbox().objects(FakeNetBox.PREFIXES);
        long id = nextPrefixId++;
        ObjectNode duplicate = NetBoxObjects.prefix(id, "dhcp");
        duplicate.put("prefix", prefixes.get(0).path("prefix").asText());
        prefixes.add(duplicate);
        String requestId = UUID.randomUUID().toString();
        try {
            webhooks.post("created", id, requestId, "carol");

            List<AuditTrail.Event> events = awaitReconciled(from, requestId);
            assertThat(events)
                    .extracting(AuditTrail.Event::type)
                    .containsExactly(
                            AuditTypes.RECONCILE_STARTED,
                            AuditTypes.CONFIG_RENDERED,
                            AuditTypes.CONFIG_REJECTED,
                            AuditTypes.RECONCILE_COMPLETED);
            var errors = events.get(2).data().path("errors");
            assertThat(errors.size()).isPositive();
            assertThat(errors.toString()).contains("DUPLICATE_SUBNET").contains("\"ipam.prefix\"");
            assertThat(errors.findValues("id").stream().map(n -> n.asLong())).contains(id);
            assertThat(events.get(3).data().path("outcome").asText()).isEqualTo("rejected");
            assertThat(rollout.requests()).hasSize(rolloutsBefore);
        } finally {
            prefixes.remove(duplicate);
        }
    }

    @Test
    void netboxDown_isAnAuditedFailureWithNothingPublished_andTheNextTriggerSucceeds() {
        long from = audit.end();
        double failedBefore =
                metric(
                        "netbox_dhcpd_reconciles_total{outcome=\"inventory-failed\",trigger=\"events\"}");
        netbox().failPage("*", 0, 503, 1);
        String down = UUID.randomUUID().toString();
        webhooks.post("created", addPrefix(), down, "alice");

        List<AuditTrail.Event> failed = awaitReconciled(from, down);
        assertThat(failed)
                .extracting(AuditTrail.Event::type)
                .containsExactly(
                        AuditTypes.RECONCILE_STARTED,
                        AuditTypes.RECONCILE_FAILED,
                        AuditTypes.RECONCILE_COMPLETED);
        assertThat(failed.get(1).data().path("problem").asText()).isEqualTo("UNAVAILABLE");
        String failedId = failed.get(0).reconcileId();
        assertThat(rollout.requests()).noneMatch(r -> r.reconcileId().equals(failedId));
        assertThat(
                        metric(
                                "netbox_dhcpd_reconciles_total{outcome=\"inventory-failed\",trigger=\"events\"}"))
                .isEqualTo(failedBefore + 1);

        String next = UUID.randomUUID().toString();
        long id = addPrefix();
        webhooks.post("created", id, next, "alice");
        awaitReconciled(from, next);
        assertThat(rollout.published().orElseThrow().config())
                .contains("subnet " + cidr(id).replace("/24", " netmask"));
    }

    @Test
    void snapshotRemovingHalfTheSubnets_isHeldUntilForced() {
        long from = audit.end();
        int rolloutsBefore = rollout.requests().size();
        List<ObjectNode> prefixes = netbox().objects(FakeNetBox.PREFIXES);
        int half = prefixes.size() / 2 + 1;
        List<ObjectNode> removed = new ArrayList<>(prefixes.subList(0, half));
        prefixes.removeAll(removed);
        String requestId = UUID.randomUUID().toString();
        webhooks.post("deleted", removed.get(0).path("id").asLong(), requestId, "mallory");

        List<AuditTrail.Event> events = awaitReconciled(from, requestId);
        assertThat(events)
                .extracting(AuditTrail.Event::type)
                .containsExactly(
                        AuditTypes.RECONCILE_STARTED,
                        AuditTypes.CONFIG_RENDERED,
                        AuditTypes.CONFIG_HELD,
                        AuditTypes.RECONCILE_COMPLETED);
        assertThat(events.get(2).data().path("removed").size()).isEqualTo(half);
        assertThat(rollout.requests()).hasSize(rolloutsBefore);
        assertThat(metric("netbox_dhcpd_reconcile_held")).isEqualTo(1);
        given().get("/status")
                .then()
                .statusCode(200)
                .body("held.outcome", org.hamcrest.Matchers.equalTo("held"));

        given().post("/reconcile?force=true").then().statusCode(401);
        String forcedId =
                given().header("Authorization", "Bearer " + PipelineTestProfile.RECONCILE_TOKEN)
                        .post("/reconcile?force=true")
                        .then()
                        .statusCode(202)
                        .extract()
                        .path("reconcileId");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> completed(audit.forReconcile(from, forcedId)));
        assertThat(audit.forReconcile(from, forcedId))
                .extracting(AuditTrail.Event::type)
                .contains(AuditTypes.ROLLOUT_COMPLETED)
                .doesNotContain(AuditTypes.CONFIG_HELD);
        assertThat(rollout.requests()).hasSize(rolloutsBefore + 1);
        assertThat(metric("netbox_dhcpd_reconcile_held")).isZero();
        assertThat(given().get("/status").then().extract().path("held") == null).isTrue();
    }

    @Test
    void reconcileInProgress_keepsItsRecordsUncommitted_soARestartRedeliversThem()
            throws Exception {
        CountDownLatch release = rollout.holdNextRollout();
        String requestId = UUID.randomUUID().toString();
        try (GroupOffsets offsets = new GroupOffsets()) {
            long eventOffset = offsets.end();
            webhooks.post("created", addPrefix(), requestId, "alice");
            assertThat(rollout.awaitHeld()).isTrue();

            // throttled commits every 5 s: past two intervals the event must still be uncommitted
            await().during(Duration.ofSeconds(11))
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> offsets.committed(PipelineTestProfile.GROUP) <= eventOffset);
            release.countDown();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> offsets.committed(PipelineTestProfile.GROUP) > eventOffset);
        } finally {
            release.countDown();
        }
    }

    /**
     * The broker restarts while a rollout runs (issue 19): the reconcile's outcome cannot be
     * acknowledged, so it counts as not recorded and its event stays uncommitted; once the broker
     * is back the retry records it, and only then is the event committed.
     */
    @Test
    void brokerRestartMidRollout_eventCommittedOnlyAfterItsOutcomeIsRecorded() throws Exception {
        CountDownLatch release = rollout.holdNextRollout();
        String requestId = UUID.randomUUID().toString();
        long from = audit.end();
        try (GroupOffsets offsets = new GroupOffsets()) {
            long eventOffset = offsets.end();
            webhooks.post("created", addPrefix(), requestId, "alice");
            assertThat(rollout.awaitHeld()).isTrue();
            KafkaTestBroker.stopBroker();
            try {
                release.countDown();
                await("the rollout ended with its outcome not acknowledged by the broker")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> reportsFor(requestId).anyMatch(r -> !r.recorded()));
                assertThat(reportsFor(requestId)).noneMatch(ReconcileReport::recorded);
            } finally {
                release.countDown();
                KafkaTestBroker.startBroker();
            }
            await("the event committed after the broker's restart")
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> offsets.committed(PipelineTestProfile.GROUP) > eventOffset);
            assertThat(reportsFor(requestId))
                    .as("the commit follows a reconcile whose outcome the broker acknowledged")
                    .anyMatch(ReconcileReport::recorded);
            assertThat(awaitReconciled(from, requestId))
                    .extracting(AuditTrail.Event::type)
                    .contains(AuditTypes.RECONCILE_COMPLETED);
        }
    }

    private Stream<ReconcileReport> reportsFor(String requestId) {
        return history.recent().stream().filter(r -> r.requestIds().contains(requestId));
    }

    /** The network of {@link NetBoxObjects#prefix}. */
    private static String cidr(long id) {
        return "10." + (id / 256 % 256) + "." + (id % 256) + ".0/24";
    }

    /** Waits until the reconcile covering {@code requestId} has completed; returns its events. */
    private static List<AuditTrail.Event> awaitReconciled(long from, String requestId) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> completed(audit.forRequest(from, requestId)));
        return audit.forRequest(from, requestId);
    }

    private static boolean completed(List<AuditTrail.Event> events) {
        return events.stream().anyMatch(e -> e.type().equals(AuditTypes.RECONCILE_COMPLETED));
    }

    /** One sample of the Prometheus scrape, 0 when absent. */
    static double metric(String series) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")
                    || (line.startsWith(series + "{") && !series.contains("{"))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
