package dk.npflan.dhcp.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.npflan.dhcp.audit.AuditTypes;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.netbox.FakeNetBox;
import dk.npflan.dhcp.netbox.NetBoxObjects;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * NetBox failing for minutes across many reconciles (issue 19), on the real broker with the fake
 * NetBox and the simulated pair: first 500 on one page of the prefixes (a partial read), then every
 * answer slower than the read timeout, then recovery; once between rollouts and once while a
 * rollout runs. What the operator needs at 3 a.m.: nothing published from a failed read, the pair
 * on the last good config, one audited failure per reconcile naming the status or the timeout,
 * reads that back off while webhooks and resyncs keep coming, {@code /status} and the metric saying
 * since when, and the next read after recovery publishing.
 */
@QuarkusTest
@TestProfile(NetBoxOutageTestProfile.class)
@Tag("slow")
class NetBoxOutageTest {

    @Inject FakeConfigRollout rollout;
    @Inject ReconcileHistory history;

    @TestHTTPResource("/webhooks/netbox")
    URI endpoint;

    /** Opened with the first test, once the app (and so the broker) is up. */
    private static AuditTrail audit;

    private static SignedWebhooks webhooks;
    private static long nextPrefixId = 300;

    @BeforeEach
    void openAndAwaitAGoodRead() {
        if (audit == null) {
            audit = new AuditTrail();
            webhooks = new SignedWebhooks(endpoint);
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> rollout.published().isPresent() && lastReadWasGood());
    }

    private boolean lastReadWasGood() {
        ReconcileOutcome last =
                history.last().map(ReconcileReport::outcome).orElse(ReconcileOutcome.REJECTED);
        return last == ReconcileOutcome.UNCHANGED || last == ReconcileOutcome.ROLLED_OUT;
    }

    @AfterAll
    static void closeClients() {
        if (audit != null) {
            audit.close();
            webhooks.close();
        }
    }

    @AfterEach
    void recover() {
        netbox().clearFaults();
    }

    @Test
    void betweenRollouts_failedReadsPublishNothing_backOff_andTheRecoveryPublishes()
            throws Exception {
        RenderedConfig good = rollout.published().orElseThrow();
        int rolloutsBefore = rollout.requests().size();
        long from = audit.end();
        Instant outageStart = Instant.now();
        int requestsBefore = netbox().requests().size();
        List<Long> added = new ArrayList<>();

        // a partial read: page 2 of the prefixes fails, the other pages and lists answer
        netbox().failPageAlways(FakeNetBox.PREFIXES, 2, 500);
        String firstEvent = UUID.randomUUID().toString();
        try (GroupOffsets offsets = new GroupOffsets()) {
            long eventOffset = offsets.end();
            added.add(addPrefixAndPost(firstEvent));
            awaitFailedReconciles(from, 3, added);

            // the event is committed once the (failed) reconcile covering it is recorded, not
            // before; the retry is a full read, so it is not lost
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> offsets.committed(NetBoxOutageTestProfile.GROUP) > eventOffset);
            assertThat(audit.forRequest(from, firstEvent))
                    .filteredOn(e -> e.type().equals(AuditTypes.RECONCILE_COMPLETED))
                    .isNotEmpty()
                    .allSatisfy(
                            e ->
                                    assertThat(e.data().path("outcome").asText())
                                            .isEqualTo("inventory-failed"));
        }
        Map<String, Object> failing = netboxStatus();
        String since = (String) failing.get("failingSince");
        assertThat(since).isNotNull();
        assertThat(Instant.parse(since)).isAfterOrEqualTo(outageStart.minusSeconds(1));
        assertThat(failing.get("problem")).isEqualTo("UNAVAILABLE");
        assertThat((String) failing.get("message")).contains("HTTP 500");
        assertThat(metric("netbox_dhcpd_netbox_failing_since_timestamp_seconds"))
                .isEqualTo(Instant.parse(since).getEpochSecond());

        // then NetBox answers nothing within the read timeout
        netbox().clearFaults().slow("*", Duration.ofSeconds(3), Integer.MAX_VALUE);
        long slowFrom = audit.end();
        awaitFailedReconciles(slowFrom, 3, added);
        List<String> slowFailures = failedRecords(slowFrom);
        // the first may have read before the switch; the others all timed out
        assertThat(slowFailures.subList(1, slowFailures.size()))
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("timeout"));
        assertThat(netboxStatus().get("failingSince"))
                .as("one outage: its start does not move while it lasts")
                .isEqualTo(since);
        assertThat((Integer) netboxStatus().get("failures")).isGreaterThanOrEqualTo(6);

        List<ReconcileReport> failed = failedSince(outageStart);
        Instant outageEnd = Instant.now();
        int requestsDuring = netbox().requests().size() - requestsBefore;
        assertNothingPublishedFromAFailedRead(from, good, rolloutsBefore);
        netbox().clearFaults();

        assertBackedOff(failed);
        assertBoundedNetBoxCalls(failed.size(), requestsDuring, outageStart, outageEnd);
        assertRecoveryPublishes(added);
    }

    @Test
    void duringARollout_theRolloutFinishes_thenFailedReadsKeepIt_andTheRecoveryPublishes()
            throws Exception {
        List<Long> added = new ArrayList<>();
        CountDownLatch release = rollout.holdNextRollout();
        try {
            added.add(addPrefixAndPost(UUID.randomUUID().toString()));
            assertThat(rollout.awaitHeld()).isTrue();
            netbox().failPageAlways("*", 0, 503);
            long from = audit.end();
            Instant outageStart = Instant.now();
            added.add(addPrefixAndPost(UUID.randomUUID().toString()));
            release.countDown();

            await().atMost(Duration.ofSeconds(30)).until(() -> rolledOutHas(added.get(0)));
            RenderedConfig good = rollout.published().orElseThrow();
            int rolloutsAfterIt = rollout.requests().size();
            awaitFailedReconciles(from, 2, added);
            assertThat(failedRecords(from)).allSatisfy(m -> assertThat(m).contains("HTTP 503"));
            netbox().clearFaults().slow("*", Duration.ofSeconds(3), Integer.MAX_VALUE);
            awaitFailedReconciles(audit.end(), 2, added);
            assertThat(Instant.parse((String) netboxStatus().get("failingSince")))
                    .isAfterOrEqualTo(outageStart.minusSeconds(1));
            assertNothingPublishedFromAFailedRead(from, good, rolloutsAfterIt);
            netbox().clearFaults();

            assertBackedOff(failedSince(outageStart));
            assertRecoveryPublishes(added);
        } finally {
            release.countDown();
        }
    }

    /** Adds a tagged prefix with a pool and sends its webhook while NetBox may be failing. */
    private long addPrefixAndPost(String requestId) {
        long id = nextPrefixId++;
        netbox().objects(FakeNetBox.PREFIXES).add(NetBoxObjects.prefix(id, "dhcp"));
        netbox().objects(FakeNetBox.IP_RANGES).add(NetBoxObjects.range(id));
        assertThat(webhooks.post("created", id, requestId, "alice")).isEqualTo(202);
        return id;
    }

    /**
     * Waits for {@code count} failed reconciles since {@code from}, sending another webhook each
     * time one has failed: events keep arriving through the outage.
     */
    private void awaitFailedReconciles(long from, int count, List<Long> added) {
        for (int seen = failedIds(from).size(); seen < count; seen = failedIds(from).size()) {
            int before = seen;
            await().atMost(Duration.ofSeconds(60)).until(() -> failedIds(from).size() > before);
            added.add(addPrefixAndPost(UUID.randomUUID().toString()));
        }
    }

    private static List<String> failedIds(long from) {
        return audit.since(from).stream()
                .filter(e -> e.type().equals(AuditTypes.RECONCILE_FAILED))
                .map(AuditTrail.Event::reconcileId)
                .toList();
    }

    /**
     * The messages of the failed reconciles' {@code reconcile.failed} records since {@code from}.
     */
    private static List<String> failedRecords(long from) {
        return audit.since(from).stream()
                .filter(e -> e.type().equals(AuditTypes.RECONCILE_FAILED))
                .map(e -> e.data().path("message").asText())
                .toList();
    }

    private List<ReconcileReport> failedSince(Instant start) {
        return history.recent().stream()
                .filter(r -> r.outcome() == ReconcileOutcome.INVENTORY_FAILED)
                .filter(r -> !r.startedAt().isBefore(start))
                .sorted(Comparator.comparing(ReconcileReport::startedAt))
                .toList();
    }

    /**
     * Each failed reconcile is one {@code reconcile.failed} (stage inventory) ending in {@code
     * inventory-failed}, with no rendered config, no rollout and no token; the pair still runs the
     * last good config.
     */
    private void assertNothingPublishedFromAFailedRead(
            long from, RenderedConfig good, int rollouts) {
        List<AuditTrail.Event> events = audit.since(from);
        Map<String, List<AuditTrail.Event>> byReconcile =
                events.stream()
                        .filter(e -> failedIds(from).contains(e.reconcileId()))
                        .collect(Collectors.groupingBy(AuditTrail.Event::reconcileId));
        assertThat(byReconcile).isNotEmpty();
        byReconcile
                .values()
                .forEach(
                        records -> {
                            assertThat(records)
                                    .extracting(AuditTrail.Event::type)
                                    .filteredOn(t -> !t.equals(AuditTypes.RESYNC_STARTED))
                                    .containsExactly(
                                            AuditTypes.RECONCILE_STARTED,
                                            AuditTypes.RECONCILE_FAILED,
                                            AuditTypes.RECONCILE_COMPLETED);
                            assertThat(
                                            records.get(records.size() - 2)
                                                    .data()
                                                    .path("stage")
                                                    .asText())
                                    .isEqualTo("inventory");
                        });
        assertThat(events)
                .allSatisfy(
                        e ->
                                assertThat(e.data().toString())
                                        .doesNotContain(FakeNetBoxResource.TOKEN));
        assertThat(rollout.requests()).hasSize(rollouts);
        assertThat(rollout.published()).contains(good);
        assertThat(rollout.peers())
                .allSatisfy(p -> assertThat(p.runningHash()).contains(good.sha256()));
    }

    /**
     * Reconcile {@code k+1} of an outage starts no sooner than {@code retry-delay · 2^(k-1)}
     * (capped at {@code retry-max-delay}) after reconcile {@code k} started, webhooks and 2 s
     * resyncs notwithstanding.
     */
    private static void assertBackedOff(List<ReconcileReport> failed) {
        assertThat(failed).hasSizeGreaterThanOrEqualTo(3);
        for (int k = 1; k < failed.size(); k++) {
            Duration wait = Duration.ofSeconds(Math.min(1L << (k - 1), 4));
            Instant earliest =
                    failed.get(k - 1).startedAt().plus(failed.get(k - 1).took()).plus(wait);
            assertThat(failed.get(k).startedAt())
                    .as("failed reconcile %d of %d", k + 1, failed.size())
                    .isAfterOrEqualTo(earliest);
        }
    }

    /**
     * A failed reconcile asks NetBox no more than every URL of a whole read, each at most {@code
     * max-attempts} times: the outage adds no requests of its own.
     */
    private void assertBoundedNetBoxCalls(
            int reconciles, int requests, Instant start, Instant end) {
        long urlsOfARead =
                netbox().requests().stream()
                        .map(r -> r.path() + "?" + r.query())
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                        .size();
        double minutes = Duration.between(start, end).toMillis() / 60_000.0;
        System.out.printf(
                "netbox outage: %d failed reconciles, %d NetBox requests in %.1f s (%.0f a"
                        + " minute, %d distinct URLs)%n",
                reconciles, requests, minutes * 60, requests / minutes, urlsOfARead);
        assertThat(requests)
                .isLessThanOrEqualTo(
                        (reconciles + 1)
                                * (int) urlsOfARead
                                * NetBoxOutageTestProfile.MAX_ATTEMPTS);
    }

    /** The first read after the recovery publishes every prefix added meanwhile; both run it. */
    private void assertRecoveryPublishes(List<Long> added) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> added.stream().allMatch(this::rolledOutHas));
        String hash = rollout.published().orElseThrow().sha256();
        assertThat(rollout.peers()).allSatisfy(p -> assertThat(p.runningHash()).contains(hash));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> netboxStatus().get("failingSince") == null);
        assertThat(metric("netbox_dhcpd_netbox_failing_since_timestamp_seconds")).isZero();
        assertThat(metric("netbox_dhcpd_netbox_consecutive_failures")).isZero();
    }

    private boolean rolledOutHas(long prefixId) {
        return rollout.published()
                .map(c -> c.config().contains("subnet " + network(prefixId) + " netmask"))
                .orElse(false);
    }

    /** The network of {@link NetBoxObjects#prefix}. */
    private static String network(long id) {
        return "10." + (id / 256 % 256) + "." + (id % 256) + ".0";
    }

    private static Map<String, Object> netboxStatus() {
        return given().get("/status").then().statusCode(200).extract().path("netbox");
    }

    private static double metric(String series) {
        return PipelineEndToEndTest.metric(series);
    }

    private static FakeNetBox netbox() {
        return FakeNetBoxResource.netbox();
    }
}
