package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.qute.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The status page must render the document {@link StatusView} builds on embedded defaults (target
 * {@code none}: no peers, nothing published, no rollout): a real run of {@code serve} answered 500
 * there because the template read a key only a failing target sets. Qute renders strictly, as in
 * the app, so a key the template needs but the document lacks fails this test.
 */
class StatusPageTemplateTest {

    @Test
    void noTargetNoPeersNothingPublished_rendersThePageWithTheDiff() throws IOException {
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("added", List.of("10.0.11.0/24", "10.0.248.0/25"));
        diff.put("removed", List.of());
        diff.put("changed", List.of());
        diff.put("publishedSubnets", 0);
        diff.put("reconcileId", "r-1");
        diff.put("hash", "0afc");
        Map<String, Object> pending = new LinkedHashMap<>();
        pending.put("events", 0);
        pending.put("oldestAgeSeconds", null);
        pending.put("reconcileRunning", false);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("publishedHash", null);
        status.put("peers", List.of());
        status.put("lastReconcile", null);
        status.put("lastRollout", null);
        status.put("lastDiff", diff);
        status.put("held", null);
        status.put("pending", pending);

        String html = render(status);

        assertThat(html)
                .contains("<code id=\"published-hash\">nothing published</code>")
                .contains("<p id=\"no-peers\">No peers reported.</p>")
                .contains("No rollout yet.")
                .contains("<code>10.0.248.0/25</code>");
    }

    @Test
    void targetCouldNotBeAsked_showsWhyThereAreNoPeers() throws IOException {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("rolloutError", "agent unreachable");
        status.put("publishedHash", null);
        status.put("peers", List.of());
        status.put("lastReconcile", null);
        status.put("lastRollout", null);
        status.put("lastDiff", null);
        status.put("held", null);
        status.put("pending", Map.of("events", 0, "reconcileRunning", false));

        assertThat(render(status))
                .contains("<p id=\"no-peers\">No peers reported (agent unreachable).</p>");
    }

    private static String render(Map<String, Object> status) throws IOException {
        Engine engine = Engine.builder().addDefaults().strictRendering(true).build();
        String template =
                Files.readString(Path.of("src/main/resources/templates/status-page.html"));
        return engine.parse(template).data("status", status).render();
    }
}
