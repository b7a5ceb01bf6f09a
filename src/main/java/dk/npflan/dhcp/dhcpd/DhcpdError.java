package dk.npflan.dhcp.dhcpd;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first error {@code dhcpd -t} printed, split into file (our logical file name, such as {@code
 * dhcpd.conf} or {@code dhcpd.failover.secondary}), line and message. Some dhcpd errors carry no
 * file or line (e.g. {@code bad range …}, failover sanity errors); then both are empty.
 */
public record DhcpdError(Optional<String> file, OptionalInt line, String message) {

    private static final Pattern FILE_LINE = Pattern.compile("^(\\S+) line (\\d+): (.*)$");
    private static final List<String> BANNER =
            List.of(
                    "Internet Systems Consortium DHCP Server",
                    "Copyright ",
                    "All rights reserved.",
                    "For info, please visit");
    private static final List<String> NOISE =
            List.of("Config file:", "Database file:", "PID file:");

    /**
     * Reads dhcpd's stderr: the first line after the banner that is neither a warning nor path
     * noise. Validation and process supervision both judge {@code dhcpd -t} output through this one
     * reader.
     */
    public static DhcpdError firstIn(String output, int exitCode) {
        for (String line : output.split("\n")) {
            String text = line.strip();
            if (text.isEmpty()
                    || startsWithAny(text, BANNER)
                    || startsWithAny(text, NOISE)
                    || isWarning(text)) {
                continue;
            }
            Matcher m = FILE_LINE.matcher(text);
            if (m.matches()) {
                return new DhcpdError(
                        Optional.of(m.group(1)),
                        OptionalInt.of(Integer.parseInt(m.group(2))),
                        m.group(3));
            }
            return new DhcpdError(Optional.empty(), OptionalInt.empty(), text);
        }
        return new DhcpdError(
                Optional.empty(),
                OptionalInt.empty(),
                "dhcpd -t exited with " + exitCode + " and printed no error");
    }

    /** dhcpd's warnings (e.g. overlapping subnets) go to stderr next to errors. */
    public static boolean isWarning(String text) {
        return text.startsWith("Warning:") || text.startsWith("WARNING:");
    }

    private static boolean startsWithAny(String text, List<String> prefixes) {
        return prefixes.stream().anyMatch(text::startsWith);
    }

    @Override
    public String toString() {
        return file.map(f -> f + (line.isPresent() ? " line " + line.getAsInt() : "") + ": ")
                        .orElse("")
                + message;
    }
}
