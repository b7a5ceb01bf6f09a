package dk.npflan.dhcp.kea;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first error {@code kea-dhcp4 -t} reports, read from its output: Kea's own text, and the
 * position it names when it names one. Kea writes two shapes: {@code Error encountered: <text>
 * (<file>:<line>:<column>)} for a config that parses but is refused, and {@code Syntax check failed
 * with: <file>:<line>.<column>[-<column>]: <text>} for one that does not parse.
 */
public record KeaError(String text, OptionalLong line, OptionalLong column) {

    private static final Pattern REFUSED = Pattern.compile("^Error encountered: (.*)$");
    private static final Pattern POSITION = Pattern.compile("\\([^()]*:(\\d+):(\\d+)\\)\\s*$");
    private static final Pattern SYNTAX =
            Pattern.compile(
                    "^Syntax check failed with: (?:[^:]*):(\\d+)\\.(\\d+)(?:-\\d+)?: (.*)$");
    private static final Pattern LOGGED_ERROR =
            Pattern.compile("^\\S+ \\S+ (?:ERROR|FATAL) +\\[[^]]*\\] (.*)$");

    /** The error in {@code output}; empty when there is none to read (a crash, a timeout). */
    public static Optional<KeaError> parse(String output) {
        List<String> lines = output.lines().toList();
        for (String line : lines) {
            Matcher syntax = SYNTAX.matcher(line);
            if (syntax.matches()) {
                return Optional.of(
                        new KeaError(
                                syntax.group(3),
                                OptionalLong.of(Long.parseLong(syntax.group(1))),
                                OptionalLong.of(Long.parseLong(syntax.group(2)))));
            }
            Matcher refused = REFUSED.matcher(line);
            if (refused.matches()) {
                return Optional.of(withPosition(refused.group(1)));
            }
        }
        for (String line : lines) {
            Matcher logged = LOGGED_ERROR.matcher(line);
            if (logged.matches()) {
                return Optional.of(withPosition(logged.group(1)));
            }
        }
        return Optional.empty();
    }

    private static KeaError withPosition(String text) {
        Matcher position = POSITION.matcher(text);
        if (position.find()) {
            return new KeaError(
                    text,
                    OptionalLong.of(Long.parseLong(position.group(1))),
                    OptionalLong.of(Long.parseLong(position.group(2))));
        }
        return new KeaError(text, OptionalLong.empty(), OptionalLong.empty());
    }

    @Override
    public String toString() {
        return text;
    }
}
