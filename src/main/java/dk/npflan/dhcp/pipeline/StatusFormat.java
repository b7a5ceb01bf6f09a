package dk.npflan.dhcp.pipeline;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/**
 * The status page's formatting, as Qute namespace extensions ({@code {fmt:hash(p.runningHash)}}):
 * the template only places values, these small classes decide how they read, and their tests pin
 * it. Each method takes what {@code /status} carries (strings, numbers, possibly null).
 */
@TemplateExtension(namespace = "fmt")
public final class StatusFormat {

    private StatusFormat() {}

    static String hash(Object hash) {
        return ShortHash.of(hash == null ? null : hash.toString());
    }

    static String ago(Object at, Object now) {
        return at == null || now == null
                ? "-"
                : RelativeTime.between(at.toString(), now.toString());
    }

    static String took(Object millis) {
        return DurationText.ofMillis(millis instanceof Number n ? n : null);
    }

    static String line(Object text) {
        return OneLine.of(text == null ? null : text.toString());
    }

    static String tone(Object health) {
        return HealthMeaning.of(health == null ? null : health.toString()).tone();
    }

    static String meaning(Object health) {
        return HealthMeaning.of(health == null ? null : health.toString()).meaning();
    }

    /** A 0..1 share as a whole percent ({@code 87 %}); {@code -} for none. */
    static String percent(Object ratio) {
        if (!(ratio instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f %%", n.doubleValue() * 100);
    }

    /** The tone of a pool this full: bad above 90 % (the alert's line), warn above 75 %. */
    static String fill(Object ratio) {
        double r = ratio instanceof Number n ? n.doubleValue() : 0;
        return r > 0.9 ? "bad" : r > 0.75 ? "warn" : "ok";
    }

    /** A 0..1 share as a bar's CSS width in percent, clamped to 0..100. */
    static String width(Object ratio) {
        double r =
                ratio instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : 0;
        return String.format(Locale.ROOT, "%.1f", Math.max(0, Math.min(1, r)) * 100);
    }

    static String clock(Object instant) {
        return AbsoluteTime.of(instant == null ? null : instant.toString());
    }

    /**
     * The tone of a step's outcome (the roller's {@code done}, {@code retry}, {@code halt}, {@code
     * roll-back}): a retry is not yet a failure.
     */
    static String outcome(Object outcome) {
        String o = outcome == null ? "" : outcome.toString();
        return switch (o) {
            case "done", "completed" -> "ok";
            case "retry", "skipped" -> "warn";
            default -> "bad";
        };
    }
}
