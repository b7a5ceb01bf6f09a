package dk.npflan.dhcp.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An instant as "how long ago" ({@code 12 s ago}, {@code 5 min ago}, {@code 3 h ago}, {@code 2 d
 * ago}, or {@code in 40 s} for one still ahead, such as a retry): what an operator asks first. The
 * absolute instant stays beside it (the page's {@code <time datetime>}).
 */
public final class RelativeTime {

    private RelativeTime() {}

    /** {@code at} seen from {@code now}; {@code ?} when either is no ISO-8601 instant. */
    public static String between(String at, String now) {
        try {
            return between(Instant.parse(at), Instant.parse(now));
        } catch (DateTimeParseException | NullPointerException e) {
            return "?";
        }
    }

    public static String between(Instant at, Instant now) {
        long seconds = Duration.between(at, now).toSeconds();
        if (seconds < 0) {
            return "in " + span(-seconds);
        }
        return span(seconds) + " ago";
    }

    private static String span(long seconds) {
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds < 2 * 86400 ? seconds / 3600 + " h" : seconds / 86400 + " d";
    }
}
