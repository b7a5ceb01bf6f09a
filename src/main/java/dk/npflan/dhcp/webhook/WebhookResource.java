package dk.npflan.dhcp.webhook;

import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code POST /webhooks/netbox}: NetBox's webhook receiver. It checks size, signature, content type
 * and shape (in that order, so an unsigned sender learns nothing about our parser), then answers
 * 202 only once Kafka has acknowledged the event. It does no other work: the webhook is a trigger,
 * and NetBox holds a worker until we answer. Never redirects (NetBox would follow).
 */
@Path("/webhooks/netbox")
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);
    private static final Duration REJECTION_WARNING_INTERVAL = Duration.ofMinutes(1);

    /**
     * {@link System#nanoTime()} from which the next rejected signature is warned about; 0 = now.
     */
    private final AtomicLong nextRejectionWarning = new AtomicLong();

    static final String SIGNATURE_HEADER = "X-Hook-Signature";

    private final WebhookSettings settings;
    private final SignatureVerifier verifier;
    private final WebhookPayloadParser parser;
    private final NetboxEventPublisher publisher;
    private final WebhookMetrics metrics;

    public WebhookResource(
            WebhookSettings settings, NetboxEventPublisher publisher, WebhookMetrics metrics) {
        this.settings = settings;
        this.verifier = settings.secret().map(SignatureVerifier::new).orElse(null);
        this.parser = new WebhookPayloadParser(Clock.systemUTC());
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    public Uni<Response> receive(
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(SIGNATURE_HEADER) String signature,
            byte[] body) {
        Timer.Sample sample = metrics.start();
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > settings.maxBodySize().asLongValue()) {
            return reject(
                    sample,
                    WebhookResult.TOO_LARGE,
                    Problem.of(
                            Status.REQUEST_ENTITY_TOO_LARGE,
                            "too-large",
                            "the body has "
                                    + bytes.length
                                    + " bytes; at most "
                                    + settings.maxBodySize().asLongValue()
                                    + " are accepted"));
        }
        if (!signatureAccepted(bytes, signature)) {
            return reject(
                    sample,
                    WebhookResult.BAD_SIGNATURE,
                    Problem.of(
                            Status.UNAUTHORIZED,
                            "bad-signature",
                            "X-Hook-Signature is missing or does not match the body; check the webhook secret in NetBox"));
        }
        if (!isJson(contentType)) {
            return reject(
                    sample,
                    WebhookResult.UNSUPPORTED_MEDIA_TYPE,
                    Problem.of(
                            Status.UNSUPPORTED_MEDIA_TYPE,
                            "unsupported-media-type",
                            "Content-Type must be application/json"));
        }
        NetboxEvent event;
        try {
            event = parser.parse(bytes);
        } catch (InvalidPayloadException e) {
            return reject(
                    sample,
                    WebhookResult.BAD_REQUEST,
                    Problem.of(Status.BAD_REQUEST, "bad-request", e.getMessage()));
        }
        if (event.objectType() == null || !settings.objectTypes().contains(event.objectType())) {
            metrics.record(sample, WebhookResult.IGNORED, event);
            LOG.debugf(
                    "ignored NetBox %s event for %s: object type not in scope",
                    event.event(), event.key());
            return Uni.createFrom()
                    .item(
                            Response.accepted(
                                            Map.of(
                                                    "status", "ignored",
                                                    "reason",
                                                            "object type is not in netbox-dhcpd.webhook.object-types"))
                                    .build());
        }
        return publisher
                .publish(event)
                .ifNoItem()
                .after(settings.publishTimeout().plusSeconds(1))
                .fail()
                .map(
                        acked -> {
                            metrics.record(sample, WebhookResult.ACCEPTED, event);
                            LOG.debugf(
                                    "accepted NetBox %s event for %s (request %s)",
                                    event.event(), event.key(), event.requestId());
                            return Response.accepted(
                                            Map.of("status", "accepted", "key", event.key()))
                                    .build();
                        })
                .onFailure()
                .recoverWithItem(
                        failure -> {
                            metrics.record(sample, WebhookResult.UNAVAILABLE, event);
                            LOG.warnf(
                                    "could not put NetBox %s event for %s on Kafka: %s",
                                    event.event(), event.key(), failure.toString());
                            return Problem.of(
                                            Status.SERVICE_UNAVAILABLE,
                                            "unavailable",
                                            "the event queue did not acknowledge the event in time; retry later")
                                    .toResponse()
                                    .header(
                                            HttpHeaders.RETRY_AFTER,
                                            settings.retryAfter().toSeconds())
                                    .build();
                        });
    }

    private boolean signatureAccepted(byte[] body, String signature) {
        if (verifier == null) {
            metrics.countUnsigned();
            return true;
        }
        SignatureVerifier.Result result = verifier.check(body, signature);
        if (result != SignatureVerifier.Result.VALID) {
            // every rejection is counted (result=bad_signature); the log warns at most once a
            // minute so that a sender of bad requests cannot flood it
            LOG.logf(
                    rejectionWarningDue() ? Logger.Level.WARN : Logger.Level.DEBUG,
                    "rejected a NetBox webhook: signature %s (further rejections within %s are"
                            + " logged at DEBUG; all are counted in netbox_webhooks_total)",
                    result.name().toLowerCase(Locale.ROOT),
                    REJECTION_WARNING_INTERVAL);
            return false;
        }
        return true;
    }

    private boolean rejectionWarningDue() {
        long now = System.nanoTime();
        long due = nextRejectionWarning.get();
        return (due == 0 || now - due >= 0)
                && nextRejectionWarning.compareAndSet(
                        due, now + REJECTION_WARNING_INTERVAL.toNanos());
    }

    private Uni<Response> reject(Timer.Sample sample, WebhookResult result, Problem problem) {
        metrics.record(sample, result, null);
        return Uni.createFrom().item(problem.toResponse().build());
    }

    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.valueOf(contentType);
            return "application".equalsIgnoreCase(type.getType())
                    && ("json".equalsIgnoreCase(type.getSubtype())
                            || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
        } catch (IllegalArgumentException unparseable) {
            return false;
        }
    }
}
