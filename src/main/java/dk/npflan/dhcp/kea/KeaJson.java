package dk.npflan.dhcp.kea;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The one JSON writer of Kea configs: two-space indentation, {@code "key": value}, one array
 * element per line, {@code \n} line ends and a final newline whatever the platform, so a rendered
 * file is byte-identical for the same model and each subnet starts on a line of its own (which is
 * how a Kea error's line number is traced back to the subnet, {@link KeaSubnetLocator}).
 */
final class KeaJson {

    private static final ObjectWriter WRITER = new ObjectMapper().writer(printer());

    private KeaJson() {}

    static String write(KeaDhcp4Config config) {
        try {
            return WRITER.writeValueAsString(config) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("records of plain values always serialize", e);
        }
    }

    private static DefaultPrettyPrinter printer() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer =
                new DefaultPrettyPrinter(
                        Separators.createDefaultInstance()
                                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                                .withRootSeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
