package dk.npflan.dhcp.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.npflan.dhcp.LogCapture;
import dk.npflan.dhcp.audit.AuditTypes;
import dk.npflan.dhcp.netbox.FakeNetBox;
import dk.npflan.dhcp.netbox.NetBoxObjects;
import dk.npflan.dhcp.rollout.LoggingAuditSink;
import dk.npflan.dhcp.rollout.SimulatedPairRollout;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reconcile id on every log line of a reconcile and of its rollout (MDC {@code reconcile.id}),
 * with the real roller over a simulated pair, read back next to the reconcile's audit events on the
 * real broker.
 */
@QuarkusTest
@TestProfile(ReconcileLogLinesTest.RealRoller.class)
@Tag("slow")
class ReconcileLogLinesTest {

    /** The pipeline profile with the real roller instead of the fake rollout. */
    public static class RealRoller extends PipelineTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SimulatedPairRollout.class);
        }
    }

    private static final String WORKER = "netbox-dhcpd-reconcile";
    private static final Pattern SUMMARY = Pattern.compile("reconcile \\S+ \\(");

    @Inject ReconcileLoop loop;
    @Inject ReconcileHistory history;

    @Test
    void rollerLogLinesOfAReconcile_carryTheIdOfItsAuditEvents() {
        PipelineEndToEndTest.awaitIdle(loop, history);
        long prefix = 91_000;
        FakeNetBoxResource.netbox()
                .objects(FakeNetBox.PREFIXES)
                .add(NetBoxObjects.prefix(prefix, "dhcp"));
        FakeNetBoxResource.netbox().objects(FakeNetBox.IP_RANGES).add(NetBoxObjects.range(prefix));
        List<LogCapture.Line> lines;
        List<AuditTrail.Event> events;
        String id;
        try (AuditTrail audit = new AuditTrail();
                LogCapture log = LogCapture.of("dk.npflan.dhcp", ReconcileLogContext.KEY)) {
            long from = audit.end();
            id =
                    given().header("Authorization", "Bearer " + PipelineTestProfile.RECONCILE_TOKEN)
                            // forced: the simulated pair's first bundle is not NetBox's, and
                            // replacing its only subnet is over the sanity bound
                            .queryParam("force", true)
                            .post("/reconcile")
                            .then()
                            .statusCode(202)
                            .extract()
                            .path("reconcileId");
            String reconcileId = id;
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    history.last()
                                            .filter(r -> r.reconcileId().equals(reconcileId))
                                            .isPresent());
            assertThat(history.last().orElseThrow().outcome())
                    .isEqualTo(ReconcileOutcome.ROLLED_OUT);
            lines = log.lines();
            events = audit.forReconcile(from, id);
        }

        AuditTrail.Event started =
                events.stream()
                        .filter(e -> e.type().equals(AuditTypes.RECONCILE_STARTED))
                        .findFirst()
                        .orElseThrow();
        assertThat(started.key()).isEqualTo(id);
        assertThat(started.headers().get("ce_id")).startsWith(id + "-");
        List<LogCapture.Line> rollerSteps =
                lines.stream()
                        .filter(l -> l.category().equals(LoggingAuditSink.class.getName()))
                        .filter(l -> l.message().startsWith("rollout rollout-" + id + " "))
                        .toList();
        assertThat(rollerSteps)
                .extracting(LogCapture.Line::message)
                .anySatisfy(m -> assertThat(m).contains("restart-secondary[secondary] done"))
                .anySatisfy(m -> assertThat(m).contains("restart-primary[primary] done"));
        assertThat(rollerSteps).allSatisfy(l -> assertThat(l.mdc()).isEqualTo(started.key()));
        List<LogCapture.Line> worked = ownLines(lines, id);
        assertThat(worked)
                .containsAll(rollerSteps)
                .anySatisfy(l -> assertThat(l.message()).doesNotContain(id))
                .allSatisfy(l -> assertThat(l.mdc()).as(l.message()).isEqualTo(id));
        assertThat(lines)
                .filteredOn(l -> !l.thread().equals(WORKER))
                .allSatisfy(l -> assertThat(l.mdc()).as(l.message()).isEmpty());
    }

    /**
     * The worker's lines of reconcile {@code id}: up to its closing summary line ({@code reconcile
     * <id> (trigger, n events): outcome}), after the summary of any reconcile before it.
     */
    private static List<LogCapture.Line> ownLines(List<LogCapture.Line> lines, String id) {
        List<LogCapture.Line> worker =
                lines.stream().filter(l -> l.thread().equals(WORKER)).toList();
        int end = -1;
        int start = 0;
        for (int i = 0; i < worker.size() && end < 0; i++) {
            String message = worker.get(i).message();
            if (message.startsWith("reconcile " + id + " (")) {
                end = i;
            } else if (SUMMARY.matcher(message).lookingAt()) {
                start = i + 1;
            }
        }
        assertThat(end).as("the summary line of reconcile %s", id).isNotNegative();
        return worker.subList(start, end + 1);
    }
}
