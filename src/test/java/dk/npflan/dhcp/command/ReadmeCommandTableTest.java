package dk.npflan.dhcp.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's command table is what a newcomer reads first: it must list exactly the commands the
 * command line has, and for each exactly the options its generated {@code --help} shows.
 */
class ReadmeCommandTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)([^`]*)` \\|");
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");

    @Test
    void readmeTable_listsEveryCommandWithExactlyItsOptions() throws IOException {
        Map<String, Set<String>> readme = new TreeMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            inTable = line.startsWith("| Command |") || (inTable && line.startsWith("|"));
            Matcher row = ROW.matcher(line);
            if (inTable && row.find()) {
                Set<String> options = new TreeSet<>();
                OPTION.matcher(row.group(2)).results().forEach(m -> options.add(m.group()));
                readme.put(row.group(1), options);
            }
        }

        CommandLine commandLine = new CommandLine(new NetboxDhcpdCommand(Map.of(), Map.of()));
        Map<String, Set<String>> actual = new TreeMap<>();
        commandLine
                .getSubcommands()
                .forEach(
                        (name, sub) -> {
                            Set<String> options = new TreeSet<>();
                            for (OptionSpec option : sub.getCommandSpec().options()) {
                                if (!option.usageHelp() && !option.versionHelp()) {
                                    options.add(option.longestName());
                                }
                            }
                            actual.put(name, options);
                        });

        assertThat(readme).isEqualTo(actual);
    }
}
