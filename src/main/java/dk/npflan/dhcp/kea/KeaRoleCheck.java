package dk.npflan.dhcp.kea;

import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.PeerRole;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code kea-dhcp4 -t} said about one role's file: the verdict, Kea's error with the NetBox
 * object it points at where that can be found, the whole output (temp paths replaced by the file's
 * name) and how long the run took.
 */
public record KeaRoleCheck(
        PeerRole role,
        Verdict verdict,
        Optional<KeaError> error,
        Optional<NetBoxObject> object,
        String output,
        Duration elapsed) {

    /** How the run ended. */
    public enum Verdict {
        /** Exit code 0. */
        PASSED,
        /** Kea refused the config (exit code 1 or another non-zero code). */
        FAILED,
        /** Killed past {@code netbox-dhcpd.kea.check-timeout}. */
        TIMED_OUT,
        /** Kea could not be started (missing binary, temp dir not writable). */
        NOT_RUN
    }

    public boolean passed() {
        return verdict == Verdict.PASSED;
    }

    @Override
    public String toString() {
        return role.keyword()
                + ": "
                + verdict
                + error.map(e -> " " + e).orElse("")
                + object.map(o -> " at " + o).orElse("");
    }
}
