package dk.npflan.dhcp.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.messaging.AckedMessage;
import dk.npflan.dhcp.rollout.AuditRecord;
import dk.npflan.dhcp.rollout.AuditSink;
import dk.npflan.dhcp.rollout.LoggingAuditSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Publishes audit records on the {@code dhcp-audit} channel (topic {@code dhcp.audit}) as
 * CloudEvents 1.0 in Kafka binary mode: the JSON data is the record value, the attributes are
 * {@code ce_*} headers written by SmallRye's CloudEvents support. It is also the roller's {@link
 * AuditSink}, so the roller's step records land on the same topic, correlated to the reconcile that
 * runs them.
 *
 * <p>While a reconcile runs ({@link #begin} … {@link #end}), every record gets its id (the Kafka
 * key and the prefix of each CloudEvent id), request ids and users, and its broker acknowledgement
 * is tracked: the reconcile counts its outcome as recorded only when {@link #end} has seen all of
 * them acknowledged.
 */
@ApplicationScoped
public class KafkaAuditSink implements AuditSink {

    private static final Logger LOG = Logger.getLogger(KafkaAuditSink.class);
    private static final String JSON_TYPE = "application/json";

    private final Emitter<String> emitter;
    private final AuditTail tail;
    private final LoggingAuditSink steps;
    private final ObjectMapper json;
    private final URI source;
    private final Duration ackTimeout;
    private final AtomicLong sequence = new AtomicLong();
    private final Object lock = new Object();
    private AuditCorrelation correlation;
    private List<CompletableFuture<Void>> pending = new ArrayList<>();

    public KafkaAuditSink(
            @Channel("dhcp-audit") Emitter<String> emitter,
            ObjectMapper json,
            AuditSettings settings,
            MeterRegistry registry,
            AuditTail tail) {
        this.emitter = emitter;
        this.tail = tail;
        this.steps = new LoggingAuditSink(registry);
        this.json = json;
        this.source = URI.create(settings.source().orElseGet(KafkaAuditSink::defaultSource));
        this.ackTimeout = settings.ackTimeout();
    }

    /** This instance's CloudEvents {@code source}. */
    public URI source() {
        return source;
    }

    /** Starts correlating records with a reconcile. */
    public void begin(AuditCorrelation next) {
        synchronized (lock) {
            correlation = next;
            pending = new ArrayList<>();
            sequence.set(0);
        }
    }

    /**
     * Stops correlating and waits (bounded) for the broker to acknowledge every record since {@link
     * #begin}.
     *
     * @return whether all were acknowledged in time
     */
    public boolean end() {
        List<CompletableFuture<Void>> waitFor;
        synchronized (lock) {
            waitFor = pending;
            pending = new ArrayList<>();
            correlation = null;
        }
        try {
            CompletableFuture.allOf(waitFor.toArray(CompletableFuture[]::new))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("audit events were not acknowledged by the broker: %s", e.toString());
            return false;
        }
    }

    /**
     * A roller step record: logged and counted in {@code netbox_dhcpd_rollout_steps_total} as
     * {@link LoggingAuditSink} does when no Kafka sink exists, then sent.
     */
    @Override
    public void record(AuditRecord record) {
        steps.record(record);
        send(record);
    }

    /** Sends one record; the future completes on the broker's acknowledgement. */
    public CompletableFuture<Void> send(AuditRecord record) {
        AuditCorrelation context;
        long seq;
        synchronized (lock) {
            context = correlation;
            seq = sequence.incrementAndGet();
        }
        Map<String, Object> data = new LinkedHashMap<>(record.data());
        if (record.rolloutId() != null) {
            data.putIfAbsent("rolloutId", record.rolloutId());
        }
        String key;
        String id;
        if (context != null) {
            data.putIfAbsent("reconcileId", context.reconcileId());
            data.putIfAbsent("netboxRequestIds", context.requestIds());
            data.putIfAbsent("netboxUsers", context.users());
            key = context.reconcileId();
            id = context.reconcileId() + "-" + seq;
        } else {
            key = record.rolloutId();
            id = UUID.randomUUID().toString();
        }
        var ce =
                OutgoingCloudEventMetadata.<String>builder()
                        .withId(id)
                        .withSource(source)
                        .withType(record.type())
                        .withDataContentType(JSON_TYPE)
                        .withTimestamp(record.time().atZone(ZoneOffset.UTC));
        if (record.subject() != null) {
            ce.withSubject(record.subject());
        }
        Metadata metadata = Metadata.of(ce.build());
        if (key != null) {
            metadata =
                    metadata.with(
                            OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        }
        tail.add(record.time(), record.type(), record.subject(), data);
        AckedMessage<String> sent = AckedMessage.of(toJson(data), metadata);
        CompletableFuture<Void> acked = sent.acked();
        synchronized (lock) {
            if (context != null && context == correlation) {
                pending.add(acked);
            }
        }
        try {
            emitter.send(sent.message());
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        LOG.debugf("audit %s %s", record.type(), record.subject());
        return acked;
    }

    private String toJson(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit data must serialize to JSON", e);
        }
    }

    private static String defaultSource() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return "urn:netbox-dhcpd:" + host;
    }
}
