package dk.npflan.dhcp.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates option values taken from NetBox custom fields (or settings) before they can reach
 * dhcpd.conf: addresses must parse strictly, domain names must be RFC 1123 host names, lease times
 * whole seconds in range. A bad value becomes a message; it is never rendered.
 */
public final class OptionValueParser {

    /** One year: longer leases are almost certainly a typo. */
    public static final long MAX_LEASE_SECONDS = 31_536_000L;

    private static final Pattern DOMAIN_NAME =
            Pattern.compile(
                    "(?=.{1,253}$)(?=(?:.*\\.)?[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern HOST_NAME = DOMAIN_NAME;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
    private static final Pattern SIGNED_DIGITS = Pattern.compile("-?[0-9]{1,10}");
    private static final Pattern BOOLEAN = Pattern.compile("true|false");
    private static final Pattern OPTION_TEXT = Pattern.compile("[\\x20-\\x7E&&[^\\\\,]]+");

    /** Longest option value: a DHCPv4 option carries at most 255 bytes. */
    public static final int MAX_OPTION_TEXT = 255;

    /** Most items in one list value (63 addresses fill one option). */
    public static final int MAX_OPTION_ITEMS = 63;

    private OptionValueParser() {}

    /** The outcome of parsing one value: the value, or why it was refused. */
    public record Parsed<T>(Optional<T> value, Optional<String> error) {
        static <T> Parsed<T> ok(T value) {
            return new Parsed<>(Optional.of(value), Optional.empty());
        }

        static <T> Parsed<T> absent() {
            return new Parsed<>(Optional.empty(), Optional.empty());
        }

        static <T> Parsed<T> error(String message) {
            return new Parsed<>(Optional.empty(), Optional.of(message));
        }
    }

    static boolean isAbsent(JsonNode node) {
        return node == null
                || node.isNull()
                || node.isMissingNode()
                || (node.isTextual() && node.asText().isBlank())
                || (node.isArray() && node.isEmpty());
    }

    /**
     * A list of IPv4 addresses: a JSON array of strings, or one string separated by commas/spaces.
     */
    public static Parsed<List<Ipv4Address>> addresses(JsonNode node) {
        if (isAbsent(node)) {
            return Parsed.absent();
        }
        List<String> items = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    return Parsed.error("not an IPv4 address: " + quote(item.toString()));
                }
                items.add(item.asText());
            }
        } else if (node.isTextual()) {
            for (String item : SEPARATORS.split(node.asText())) {
                if (!item.isEmpty()) {
                    items.add(item);
                }
            }
        } else {
            return Parsed.error("not an IPv4 address list: " + quote(node.toString()));
        }
        List<Ipv4Address> addresses = new ArrayList<>(items.size());
        for (String item : items) {
            Optional<Ipv4Address> address = Ipv4Address.parse(item);
            if (address.isEmpty()) {
                return Parsed.error("not an IPv4 address: " + quote(item));
            }
            addresses.add(address.get());
        }
        return Parsed.ok(addresses);
    }

    /** Whole seconds, 1 … one year; an integer or a string of digits. */
    public static Parsed<Long> seconds(JsonNode node) {
        if (isAbsent(node)) {
            return Parsed.absent();
        }
        String text =
                node.isIntegralNumber() ? node.asText() : node.isTextual() ? node.asText() : null;
        if (text == null || !DIGITS.matcher(text).matches()) {
            return Parsed.error("not a whole number of seconds: " + quote(node.toString()));
        }
        long seconds = Long.parseLong(text);
        if (seconds < 1 || seconds > MAX_LEASE_SECONDS) {
            return Parsed.error("lease time out of range 1.." + MAX_LEASE_SECONDS + ": " + seconds);
        }
        return Parsed.ok(seconds);
    }

    /**
     * An RFC 1123 domain name (letters, digits, hyphens, dots; no trailing dot; the last label not
     * all digits).
     */
    public static Parsed<String> domainName(JsonNode node) {
        if (isAbsent(node)) {
            return Parsed.absent();
        }
        if (!node.isTextual() || !DOMAIN_NAME.matcher(node.asText()).matches()) {
            return Parsed.error(
                    "not a valid domain name: "
                            + quote(node.isTextual() ? node.asText() : node.toString()));
        }
        return Parsed.ok(node.asText());
    }

    /**
     * A value of a standard option's type as canonical items: one item unless the type is a list (a
     * JSON array, or one string separated by commas/spaces). Strings are printable ASCII without
     * {@code \\} and {@code ,} (dhcpd and Kea read those differently), at most {@value
     * #MAX_OPTION_TEXT} characters in all; numbers are integers (or strings of digits) in the
     * type's range.
     */
    public static Parsed<List<String>> typed(OptionType type, JsonNode node) {
        if (isAbsent(node)) {
            return Parsed.absent();
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            if (!type.isList()) {
                return Parsed.error("takes one value, not a list: " + quote(node.toString()));
            }
            node.forEach(items::add);
        } else if (type.isList() && node.isTextual()) {
            for (String item : SEPARATORS.split(node.asText().strip())) {
                items.add(TextNode.valueOf(item));
            }
        } else {
            items.add(node);
        }
        if (items.size() > MAX_OPTION_ITEMS) {
            return Parsed.error("more than " + MAX_OPTION_ITEMS + " values");
        }
        List<String> out = new ArrayList<>(items.size());
        int length = 0;
        for (JsonNode item : items) {
            Parsed<String> one = item(type, item);
            if (one.error().isPresent()) {
                return Parsed.error(one.error().get());
            }
            String text = one.value().orElseThrow();
            length += text.length() + 2;
            out.add(text);
        }
        if (length - 2 > MAX_OPTION_TEXT) {
            return Parsed.error("longer than " + MAX_OPTION_TEXT + " characters");
        }
        return Parsed.ok(out);
    }

    private static Parsed<String> item(OptionType type, JsonNode node) {
        String shown = quote(node.isTextual() ? node.asText() : node.toString());
        switch (type) {
            case IP:
            case IP_LIST:
                return node.isTextual() && Ipv4Address.parse(node.asText()).isPresent()
                        ? Parsed.ok(Ipv4Address.parse(node.asText()).get().toString())
                        : Parsed.error("not an IPv4 address: " + shown);
            case UINT8:
                return integer(node, 0, 0xFFL, shown);
            case UINT16:
                return integer(node, 0, 0xFFFFL, shown);
            case UINT32:
                return integer(node, 0, 0xFFFF_FFFFL, shown);
            case INT32:
                return integer(node, Integer.MIN_VALUE, Integer.MAX_VALUE, shown);
            case BOOL:
                if (node.isBoolean()) {
                    return Parsed.ok(String.valueOf(node.asBoolean()));
                }
                return node.isTextual() && BOOLEAN.matcher(node.asText()).matches()
                        ? Parsed.ok(node.asText())
                        : Parsed.error("not true or false: " + shown);
            case TEXT:
                return node.isTextual() && OPTION_TEXT.matcher(node.asText()).matches()
                        ? Parsed.ok(node.asText())
                        : Parsed.error("not text of printable ASCII without '\\' or ',': " + shown);
            case DOMAIN_NAME:
            case DOMAIN_LIST:
                return node.isTextual() && DOMAIN_NAME.matcher(node.asText()).matches()
                        ? Parsed.ok(node.asText())
                        : Parsed.error("not a valid domain name: " + shown);
            default:
                throw new IllegalStateException("no parser for " + type);
        }
    }

    private static Parsed<String> integer(JsonNode node, long min, long max, String shown) {
        String text =
                node.isIntegralNumber() ? node.asText() : node.isTextual() ? node.asText() : "";
        if (!SIGNED_DIGITS.matcher(text).matches()) {
            return Parsed.error("not a whole number: " + shown);
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            return Parsed.error("out of range " + min + ".." + max + ": " + value);
        }
        return Parsed.ok(Long.toString(value));
    }

    /** True for an IPv4 address or an RFC 1123 host name: safe to render unquoted. */
    public static boolean isHostOrAddress(String text) {
        return text != null
                && (Ipv4Address.parse(text).isPresent() || HOST_NAME.matcher(text).matches());
    }

    /** Untrusted text shown in a message: sanitized, capped and quoted. */
    public static String quote(String text) {
        return "'" + CommentSanitizer.sanitize(text) + "'";
    }
}
