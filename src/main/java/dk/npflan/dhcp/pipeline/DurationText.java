package dk.npflan.dhcp.pipeline;

import java.util.Locale;

/**
 * A step's or reconcile's duration in the unit people read it in: {@code 120 ms} below a second,
 * {@code 3.0 s} below a minute, {@code 4 min 5 s} beyond (instead of {@code PT4.088939506S}).
 */
public final class DurationText {

    private DurationText() {}

    /** {@code -} for no duration. */
    public static String ofMillis(Number millis) {
        if (millis == null) {
            return "-";
        }
        long ms = millis.longValue();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long seconds = ms / 1000;
        return seconds / 60 + " min " + seconds % 60 + " s";
    }
}
