package dk.npflan.dhcp.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@link RolloutControl} as string entries (one JSON object per fact) for the stores: the
 * Kubernetes target writes each entry as an annotation, the directory target as a field of one
 * file. A pause that cannot be read counts as a pause (a hand-edited freeze must not thaw by a
 * typo); a held bundle that cannot be read counts as none (the bundle is tried once more).
 */
public final class RolloutControlCodec {

    public static final String PAUSE_KEY = "rollouts-paused";
    public static final String HELD_KEY = "held-bundle";

    private static final Logger LOG = Logger.getLogger(RolloutControlCodec.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private RolloutControlCodec() {}

    /** The entries for {@code control}; a fact that is absent has no entry. */
    public static Map<String, String> encode(RolloutControl control) {
        Map<String, String> entries = new LinkedHashMap<>();
        control.pause()
                .ifPresent(
                        p -> {
                            ObjectNode node = JSON.createObjectNode();
                            node.put("since", p.since().toString());
                            node.put("note", p.note());
                            entries.put(PAUSE_KEY, node.toString());
                        });
        control.held()
                .ifPresent(
                        h -> {
                            ObjectNode node = JSON.createObjectNode();
                            node.put("hash", h.hash());
                            node.put("cause", h.cause().name());
                            node.put("reason", h.reason());
                            node.put("heldAt", h.heldAt().toString());
                            node.put("failures", h.failures());
                            node.put("retryAt", h.retryAt().toString());
                            entries.put(HELD_KEY, node.toString());
                        });
        return entries;
    }

    /** The control the entries say; entries of other keys are ignored. */
    public static RolloutControl decode(Map<String, String> entries) {
        return new RolloutControl(
                Optional.ofNullable(entries.get(PAUSE_KEY)).map(RolloutControlCodec::pause),
                Optional.ofNullable(entries.get(HELD_KEY)).flatMap(RolloutControlCodec::held));
    }

    private static RolloutPause pause(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new RolloutPause(
                    Instant.parse(node.path("since").asText()), node.path("note").asText(""));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the stored pause cannot be read (%s): rollouts stay paused", e.toString());
            return new RolloutPause(Instant.EPOCH, "stored pause unreadable: " + json);
        }
    }

    private static Optional<HeldBundle> held(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return Optional.of(
                    new HeldBundle(
                            node.path("hash").asText(),
                            HeldBundle.Cause.valueOf(node.path("cause").asText()),
                            node.path("reason").asText(""),
                            Instant.parse(node.path("heldAt").asText()),
                            node.path("failures").asInt(1),
                            Instant.parse(node.path("retryAt").asText())));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the stored held bundle cannot be read (%s): nothing is held", e.toString());
            return Optional.empty();
        }
    }
}
