package dk.npflan.dhcp.pipeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * An instant as people read it beside its relative form: {@code 2026-12-07 02:49:20 UTC}, to the
 * second (instead of {@code 2026-12-07T02:49:20.165099319Z}). Machines get the ISO form in {@code
 * <time datetime>}.
 */
public final class AbsoluteTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private AbsoluteTime() {}

    /** {@code -} for none, the text itself when it is no ISO-8601 instant. */
    public static String of(String instant) {
        if (instant == null || instant.isBlank()) {
            return "-";
        }
        try {
            return FORMAT.format(Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }
}
