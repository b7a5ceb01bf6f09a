package dk.npflan.dhcp.validate;

import dk.npflan.dhcp.config.PeerRole;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one {@code dhcpd -t} run said about one role's variant of the config: a typed outcome, the
 * first error (if any), dhcpd's warnings (such as overlapping subnets, which it does not treat as
 * errors) and the full output for the log, with temp-dir paths mapped back to our file names.
 */
public record RoleCheck(
        PeerRole role,
        Outcome outcome,
        int exitCode,
        Optional<DhcpdError> error,
        List<String> warnings,
        String output,
        Duration elapsed) {

    /** How a run ended. */
    public enum Outcome {
        /** rc 0. */
        VALID,
        /** rc != 0; see {@link #error()}. */
        INVALID,
        /** Killed after the timeout. */
        TIMED_OUT,
        /** dhcpd could not be started or its files not written. */
        NOT_RUN
    }

    public RoleCheck {
        warnings = List.copyOf(warnings);
    }

    public boolean isValid() {
        return outcome == Outcome.VALID;
    }

    @Override
    public String toString() {
        return role.keyword() + ": " + outcome + error.map(e -> " " + e).orElse("");
    }
}
