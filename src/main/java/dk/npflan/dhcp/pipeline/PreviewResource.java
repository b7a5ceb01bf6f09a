package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.config.RenderedConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /preview}: what a reconcile would do now, without doing it. Reads the inventory,
 * renders, checks (our rules and {@code dhcpd -t}) and diffs against the published config; nothing
 * is published, audited or counted.
 */
@Path("/preview")
@Tag(name = "preview")
public class PreviewResource {

    private final CandidateBuilder builder;
    private final ConfigRollout rollout;
    private final SanityBound bound;

    public PreviewResource(
            CandidateBuilder builder, ConfigRollout rollout, PipelineSettings settings) {
        this.builder = builder;
        this.rollout = rollout;
        this.bound = new SanityBound(settings.maxRemovedShare());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Render from NetBox now and diff against what is published (no side effects)",
            description =
                    "verdict is one of unavailable, rejected, unchanged, held, would-roll-out.")
    public Map<String, Object> preview() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inventory", builder.describeSource());
        Candidate candidate = builder.build();
        Optional<RenderedConfig> published = rollout.published();
        out.put("publishedHash", published.map(RenderedConfig::sha256).orElse(null));
        if (candidate instanceof Candidate.Unavailable unavailable) {
            out.put("verdict", "unavailable");
            out.put("problem", unavailable.cause().problem().name());
            out.put("message", unavailable.cause().getMessage());
            return out;
        }
        Candidate.Rendered rendered = (Candidate.Rendered) candidate;
        SubnetDiff diff = rendered.diffAgainst(published);
        out.put("hash", rendered.hash());
        out.put("subnets", rendered.subnets());
        out.put("pools", rendered.pools());
        out.put("reservations", rendered.reservations());
        out.put("diff", StatusView.diff(diff));
        String verdict;
        if (rendered instanceof Candidate.Rejected rejected) {
            verdict = "rejected";
            out.put("errors", rejected.errors());
        } else if (published
                .map(RenderedConfig::sha256)
                .filter(rendered.hash()::equals)
                .isPresent()) {
            verdict = "unchanged";
        } else if (bound.judge(diff, false) == SanityBound.Verdict.HOLD) {
            verdict = "held";
        } else {
            verdict = "would-roll-out";
        }
        out.put("verdict", verdict);
        return out;
    }
}
