package dk.npflan.dhcp.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Secrets an operator creates by following {@code docs/operations.md}: every {@code kubectl
 * create secret generic NAME --from-literal=KEY=… --from-file=[KEY=]FILE} command on the page, with
 * its keys. The manifests ship no Secret, so what they reference must be made by these commands.
 */
final class InstallSecrets {

    static final Path RUNBOOK = Path.of("docs/operations.md");

    /** One command, continued over {@code \}-ended lines. */
    private static final Pattern COMMAND =
            Pattern.compile("create secret generic ([a-z0-9.-]+)((?:[^\\n]*\\\\\\n)*[^\\n]*)");

    private static final Pattern LITERAL = Pattern.compile("--from-literal=([A-Za-z0-9._-]+)=");
    private static final Pattern FILE = Pattern.compile("--from-file=([A-Za-z0-9._-]+)");

    private InstallSecrets() {}

    /** Secret name to the keys its documented command creates. */
    static Map<String, Set<String>> documented() throws IOException {
        Map<String, Set<String>> secrets = new TreeMap<>();
        Matcher command = COMMAND.matcher(Files.readString(RUNBOOK));
        while (command.find()) {
            Set<String> keys = secrets.computeIfAbsent(command.group(1), n -> new TreeSet<>());
            Matcher literal = LITERAL.matcher(command.group(2));
            while (literal.find()) {
                keys.add(literal.group(1));
            }
            Matcher file = FILE.matcher(command.group(2));
            while (file.find()) {
                keys.add(file.group(1));
            }
        }
        return secrets;
    }
}
