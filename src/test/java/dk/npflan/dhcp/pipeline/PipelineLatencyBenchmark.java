package dk.npflan.dhcp.pipeline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Webhook → rollout-called latency at 200 and 10,000 prefixes, and burst coalescing, on the real
 * broker with the fake NetBox and the fake rollout (docs/benchmarks.md). Not part of the suite (the
 * name does not end in Test); run with {@code -Dtest=PipelineLatencyBenchmark}. Prints figures,
 * asserts nothing about speed.
 */
@QuarkusTest
@TestProfile(PipelineTestProfile.class)
class PipelineLatencyBenchmark {

    private static final int ROUNDS = 5;
    private static long nextId = 50_000;

    @TestHTTPResource("/webhooks/netbox")
    URI endpoint;

    @Inject FakeConfigRollout rollout;
    @Inject ReconcileLoop loop;
    @Inject ReconcileHistory history;

    @ConfigProperty(name = "netbox-dhcpd.pipeline.quiet-period")
    Duration quiet;

    @Test
    void latency() {
        try (SignedWebhooks webhooks = new SignedWebhooks(endpoint)) {
            awaitIdle();
            measure(webhooks, 200);
            measure(webhooks, 10_000);
            burst(webhooks, 1_000);
        }
        String metrics = given().get("/q/metrics").then().extract().asString();
        metrics.lines()
                .filter(l -> l.contains("records_lag") && !l.startsWith("#"))
                .forEach(l -> System.out.println("BENCH lag metric: " + l));
    }

    private void measure(SignedWebhooks webhooks, int prefixes) {
        FakeNetBox netbox = FakeNetBoxResource.netbox();
        List<com.fasterxml.jackson.databind.node.ObjectNode> rows =
                netbox.objects(FakeNetBox.PREFIXES);
        java.util.Set<Long> ids = new java.util.HashSet<>();
        rows.forEach(r -> ids.add(r.path("id").asLong()));
        java.util.Set<Long> rangeIds = new java.util.HashSet<>();
        netbox.objects(FakeNetBox.IP_RANGES).forEach(r -> rangeIds.add(r.path("id").asLong()));
        long id = 1;
        while (rows.size() < prefixes) {
            while (!ids.add(id)) {
                id++;
            }
            rows.add(NetBoxObjects.prefix(id, "dhcp"));
            if (rangeIds.add(id)) {
                netbox.objects(FakeNetBox.IP_RANGES).add(NetBoxObjects.range(id));
            }
        }
        while (rows.size() > prefixes) {
            rows.remove(rows.size() - 1);
        }
        forceReconcile();
        List<Long> millis = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            // replace one prefix by a new one: one added, one removed, the count stays
            rows.remove(rows.size() - 1);
            long added = nextId++;
            rows.add(NetBoxObjects.prefix(added, "dhcp"));
            netbox.objects(FakeNetBox.IP_RANGES).add(NetBoxObjects.range(added));
            int calls = rollout.calledAtNanos().size();
            long start = System.nanoTime();
            webhooks.post("created", added, UUID.randomUUID().toString(), "bench");
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> rollout.calledAtNanos().size() > calls);
            millis.add((rollout.calledAtNanos().get(calls) - start) / 1_000_000);
            awaitIdle();
        }
        System.out.printf(
                "BENCH latency prefixes=%d quiet=%dms webhook->rollOut ms=%s (minus quiet: %s)%n",
                prefixes,
                quiet.toMillis(),
                millis,
                millis.stream().map(m -> m - quiet.toMillis()).toList());
    }

    private void burst(SignedWebhooks webhooks, int count) {
        FakeNetBox netbox = FakeNetBoxResource.netbox();
        int reconcilesBefore = rollout.requests().size();
        String requestId = UUID.randomUUID().toString();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long added = nextId++;
            netbox.objects(FakeNetBox.PREFIXES).add(NetBoxObjects.prefix(added, "dhcp"));
            bodies.add(SignedWebhooks.body("created", added, requestId, "bench"));
        }
        long start = System.nanoTime();
        webhooks.postAll(bodies);
        long sent = System.nanoTime();
        await().atMost(Duration.ofSeconds(120))
                .until(() -> rollout.requests().size() > reconcilesBefore);
        long called = rollout.calledAtNanos().get(reconcilesBefore);
        awaitIdle();
        System.out.printf(
                "BENCH burst webhooks=%d sent in %d ms; last webhook->rollOut %d ms; rollouts %d;"
                        + " events in the reconcile %d%n",
                count,
                (sent - start) / 1_000_000,
                (called - sent) / 1_000_000,
                rollout.requests().size() - reconcilesBefore,
                history.lastRollout().map(ReconcileReport::events).orElse(-1));
    }

    private void forceReconcile() {
        int calls = rollout.calledAtNanos().size();
        given().header("Authorization", "Bearer " + PipelineTestProfile.RECONCILE_TOKEN)
                .post("/reconcile?force=true")
                .then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(120)).until(() -> rollout.calledAtNanos().size() > calls);
        awaitIdle();
    }

    private void awaitIdle() {
        await().atMost(Duration.ofSeconds(120))
                .until(
                        () ->
                                history.last().isPresent()
                                        && loop.backlog().events() == 0
                                        && !loop.backlog().running());
    }
}
