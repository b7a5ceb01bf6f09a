package dk.npflan.dhcp.dhcpd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The verdict of one {@code dhcpd -t} run: a typed outcome, the first error (if any), dhcpd's
 * warnings (such as overlapping subnets, which it does not treat as errors), the output for the log
 * and how long the run took. The one result type of {@link DhcpdConfigChecker}, so validation of a
 * rendered config and supervision before a start judge dhcpd's answer the same way.
 */
public record ConfigCheck(
        Verdict verdict,
        int exitCode,
        Optional<DhcpdError> error,
        List<String> warnings,
        String output,
        Duration elapsed) {

    /**
     * Characters of dhcpd output kept; overlapping pools print one error per address, so a bad
     * config of 10,000 pools would otherwise keep megabytes.
     */
    public static final int MAX_OUTPUT = 16_384;

    /** Outcome of the check. */
    public enum Verdict {
        /** rc 0. */
        PASSED,
        /** rc != 0; see {@link #error()}. */
        FAILED,
        /** Killed after the timeout. */
        TIMED_OUT,
        /** dhcpd could not be started, or its files not written. */
        NOT_RUN
    }

    public ConfigCheck {
        warnings = List.copyOf(warnings);
    }

    public boolean passed() {
        return verdict == Verdict.PASSED;
    }

    /** The first error as one line ({@code file line N: message}), for logs and status. */
    public Optional<String> firstError() {
        return error.map(DhcpdError::toString);
    }

    /** Judges dhcpd -t's exit code and output, whose first error is read by {@link DhcpdError}. */
    public static ConfigCheck of(int exitCode, String output, Duration elapsed) {
        return new ConfigCheck(
                exitCode == 0 ? Verdict.PASSED : Verdict.FAILED,
                exitCode,
                exitCode == 0
                        ? Optional.empty()
                        : Optional.of(DhcpdError.firstIn(output, exitCode)),
                warnings(output),
                truncated(output),
                elapsed);
    }

    /** dhcpd -t did not exit within {@code timeout} and was killed. */
    public static ConfigCheck timedOut(Duration timeout, String output, Duration elapsed) {
        return new ConfigCheck(
                Verdict.TIMED_OUT,
                -1,
                Optional.of(
                        message(
                                "dhcpd -t did not finish within "
                                        + timeout
                                        + "; last output: "
                                        + lastLine(output))),
                warnings(output),
                truncated(output),
                elapsed);
    }

    public static ConfigCheck notRun(String reason) {
        return new ConfigCheck(
                Verdict.NOT_RUN, -1, Optional.of(message(reason)), List.of(), "", Duration.ZERO);
    }

    private static DhcpdError message(String text) {
        return new DhcpdError(Optional.empty(), OptionalInt.empty(), text);
    }

    private static List<String> warnings(String output) {
        List<String> warnings = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (DhcpdError.isWarning(line.strip())) {
                warnings.add(line.strip());
            }
        }
        return warnings;
    }

    private static String truncated(String output) {
        return output.length() <= MAX_OUTPUT
                ? output
                : output.substring(0, MAX_OUTPUT) + "\n[… output truncated]\n";
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }
}
