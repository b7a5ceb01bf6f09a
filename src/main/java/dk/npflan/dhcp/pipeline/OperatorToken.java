package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.webhook.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The operator's bearer token ({@code NETBOX_DHCPD_RECONCILE_TOKEN}) that guards every endpoint
 * which changes what reaches the pair: {@code POST /reconcile}, {@code POST /rollouts/pause} and
 * {@code /rollouts/resume}. Compared in constant time; without a token set every request is
 * refused.
 */
@ApplicationScoped
public class OperatorToken {

    private static final Logger LOG = Logger.getLogger(OperatorToken.class);
    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> token;

    public OperatorToken(PipelineSettings settings) {
        this.token =
                settings.reconcileToken()
                        .filter(t -> !t.isBlank())
                        .map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when {@code authorization} carries the token; else the 401 to answer. */
    Optional<Response> refusal(String authorization, String endpoint) {
        if (token.isEmpty()) {
            return Optional.of(
                    Problem.of(
                                    Status.UNAUTHORIZED,
                                    "reconcile-disabled",
                                    "no reconcile token is configured: set"
                                            + " NETBOX_DHCPD_RECONCILE_TOKEN")
                            .toResponse()
                            .build());
        }
        if (!accepted(authorization)) {
            LOG.warnf("refused %s: bearer token missing or wrong", endpoint);
            return Optional.of(
                    Problem.of(
                                    Status.UNAUTHORIZED,
                                    "bad-token",
                                    "Authorization: Bearer <token> is missing or wrong")
                            .toResponse()
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                            .build());
        }
        return Optional.empty();
    }

    private boolean accepted(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return false;
        }
        byte[] given =
                authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.get());
    }
}
