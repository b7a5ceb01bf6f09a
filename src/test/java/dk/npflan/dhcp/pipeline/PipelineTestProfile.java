package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.kafka.KafkaTestBroker;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The pipeline against the real in-JVM broker, a fake NetBox and the {@link FakeConfigRollout}:
 * short quiet period so the suite stays fast, a consumer group of its own, one NetBox attempt per
 * request so an outage fails at once, and a retry after 1 s.
 */
public class PipelineTestProfile implements QuarkusTestProfile {

    static final String RECONCILE_TOKEN = "test-reconcile-token";
    static final String GROUP = "pipeline-test-" + UUID.randomUUID();
    static final String SOURCE = "urn:netbox-dhcpd:test";

    /** The consumer group of this profile's app. */
    String group() {
        return GROUP;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "netbox-dhcpd.pipeline.quiet-period", "2s",
                "netbox-dhcpd.pipeline.max-delay", "20s",
                "netbox-dhcpd.pipeline.retry-delay", "1s",
                "netbox-dhcpd.pipeline.resync-interval", "1h",
                "netbox-dhcpd.pipeline.reconcile-token", RECONCILE_TOKEN,
                "netbox-dhcpd.netbox.retry.max-attempts", "1",
                "netbox-dhcpd.audit.source", SOURCE,
                "mp.messaging.incoming.netbox-events-consumer.group.id", group());
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(FakeConfigRollout.class);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(KafkaTestBroker.class),
                new TestResourceEntry(FakeNetBoxResource.class));
    }
}
