package dk.npflan.dhcp.netbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One NetBox filter parameter. Repeated names are meaningful in NetBox (OR for status, AND for
 * tag), so filters are an ordered list of these rather than a map.
 */
public record QueryParameter(String name, String value) {

    /** {@code a=1&b=2}, URL-encoded. */
    public static String encode(List<QueryParameter> parameters) {
        return parameters.stream()
                .map(
                        p ->
                                URLEncoder.encode(p.name(), StandardCharsets.UTF_8)
                                        + "="
                                        + URLEncoder.encode(p.value(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
