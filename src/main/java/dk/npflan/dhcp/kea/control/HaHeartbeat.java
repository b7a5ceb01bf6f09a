package dk.npflan.dhcp.kea.control;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The answer to {@code ha-heartbeat}: the command the HA peers send each other, asked here directly
 * to read one server's HA state, its clock and how many lease updates it still owes its partner.
 *
 * @param state the server's HA state
 * @param dateTime the server's clock (RFC 1123, second precision); empty if Kea sent none or an
 *     unparseable one
 * @param unsentUpdateCount lease updates not yet sent to the partner (grows in
 *     communication-recovery and partner-down)
 * @param scopes the scopes the server answers for
 */
public record HaHeartbeat(
        KeaHaState state, Optional<Instant> dateTime, long unsentUpdateCount, List<String> scopes) {

    public HaHeartbeat {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    @JsonCreator
    static HaHeartbeat bind(
            @JsonProperty("state") KeaHaState state,
            @JsonProperty("date-time") String dateTime,
            @JsonProperty("unsent-update-count") long unsentUpdateCount,
            @JsonProperty("scopes") List<String> scopes) {
        return new HaHeartbeat(
                state == null ? KeaHaState.UNRECOGNISED : state,
                parse(dateTime),
                unsentUpdateCount,
                scopes);
    }

    private static Optional<Instant> parse(String dateTime) {
        if (dateTime == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    ZonedDateTime.parse(dateTime, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
