package dk.npflan.dhcp.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.config.OptionValueParser.Parsed;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code dhcp_options} custom field of a prefix or IP range: a JSON object (or a text
 * field holding one) from option name to value. Names are looked up in {@link StandardOptions}
 * (dhcpd's or Kea's spelling); values are parsed by the option's type. An unknown name, a value of
 * the wrong type, or one option under both spellings is a message; such an entry is never rendered.
 */
public final class OptionsField {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The parsed options in NetBox's order, and the messages for the entries refused. */
    public record Result(Map<StandardOption, DhcpOption> options, List<String> errors) {

        public Result {
            options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
            errors = List.copyOf(errors);
        }

        static Result empty() {
            return new Result(Map.of(), List.of());
        }

        public Optional<DhcpOption> get(StandardOption option) {
            return Optional.ofNullable(options.get(option));
        }
    }

    private OptionsField() {}

    /**
     * @param field the custom field's name, for the messages
     */
    public static Result parse(String field, JsonNode node) {
        if (OptionValueParser.isAbsent(node)) {
            return Result.empty();
        }
        JsonNode object = node.isTextual() ? readObject(node.asText()) : node;
        if (object == null || !object.isObject()) {
            return new Result(
                    Map.of(),
                    List.of(
                            "custom field "
                                    + field
                                    + ": not a JSON object of option name to value: "
                                    + OptionValueParser.quote(node.toString())));
        }
        Map<StandardOption, DhcpOption> options = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String where = "custom field " + field + "." + OptionValueParser.quote(entry.getKey());
            Optional<StandardOption> option = StandardOptions.find(entry.getKey());
            if (option.isEmpty()) {
                errors.add(where + ": not a standard DHCPv4 option this service renders");
                continue;
            }
            Parsed<List<String>> value =
                    OptionValueParser.typed(option.get().type(), entry.getValue());
            if (value.error().isPresent()) {
                errors.add(where + ": " + value.error().get());
            } else if (value.value().isPresent()) {
                DhcpOption parsed = new DhcpOption(option.get(), value.value().get());
                if (options.putIfAbsent(option.get(), parsed) != null) {
                    errors.add(where + ": set twice (dhcpd and Kea spell it differently)");
                }
            }
        }
        return new Result(options, errors);
    }

    private static JsonNode readObject(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
