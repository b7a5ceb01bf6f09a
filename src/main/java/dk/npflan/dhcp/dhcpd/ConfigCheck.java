package dk.npflan.dhcp.dhcpd;

import java.util.List;
import java.util.Optional;

/**
 * The verdict of {@code dhcpd -t} on a config: passed, or failed with the first error line. Supervision only
 * starts a config that passed, so a bad config can never replace a running server.
 */
public record ConfigCheck(Verdict verdict, int exitCode, Optional<String> firstError, String output) {

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

    /** Judges dhcpd -t's exit code and stderr; the first error is the first line after the banner. */
    public static ConfigCheck of(int exitCode, String output) {
        if (exitCode == 0) {
            return new ConfigCheck(Verdict.PASSED, 0, Optional.empty(), output);
        }
        return new ConfigCheck(Verdict.FAILED, exitCode, firstError(output), output);
    }

    public static ConfigCheck notRun(String reason) {
        return new ConfigCheck(Verdict.NOT_RUN, -1, Optional.of(reason), "");
    }

    private static final List<String> BANNER_PREFIXES = List.of("Internet Systems Consortium",
            "Copyright", "All rights reserved", "For info, please visit", "Config file:", "Database file:",
            "PID file:");

    private static Optional<String> firstError(String output) {
        return output.lines().map(String::strip).filter(line -> !line.isEmpty())
                .filter(line -> BANNER_PREFIXES.stream().noneMatch(line::startsWith))
                .findFirst();
    }
}
