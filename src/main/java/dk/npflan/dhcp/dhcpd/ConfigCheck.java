package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.validate.DhcpdError;
import java.util.Optional;

/**
 * The verdict of {@code dhcpd -t} on a config: passed, or failed with the first error line.
 * Supervision only starts a config that passed, so a bad config can never replace a running server.
 */
public record ConfigCheck(
        Verdict verdict, int exitCode, Optional<String> firstError, String output) {

    /** Outcome of the check. */
    public enum Verdict {
        PASSED,
        /** dhcpd -t exited non-zero. */
        FAILED,
        /** dhcpd -t did not finish in time or could not be run at all. */
        NOT_RUN
    }

    public boolean passed() {
        return verdict == Verdict.PASSED;
    }

    /** Judges dhcpd -t's exit code and stderr, whose first error is read as validation reads it. */
    public static ConfigCheck of(int exitCode, String output) {
        if (exitCode == 0) {
            return new ConfigCheck(Verdict.PASSED, 0, Optional.empty(), output);
        }
        return new ConfigCheck(
                Verdict.FAILED,
                exitCode,
                Optional.of(DhcpdError.firstIn(output, exitCode).toString()),
                output);
    }

    public static ConfigCheck notRun(String reason) {
        return new ConfigCheck(Verdict.NOT_RUN, -1, Optional.of(reason), "");
    }
}
