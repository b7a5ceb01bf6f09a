package dk.npflan.dhcp.rollout.agent;

import dk.npflan.dhcp.rollout.SubnetUtilization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the per-subnet pool gauges out of an agent's Prometheus text ({@code GET /metrics}, see
 * docs/agent.md): {@code dhcpd_subnet_utilization_ratio}, {@code dhcpd_subnet_size_addresses} and
 * the {@code active} series of {@code dhcpd_subnet_addresses}. The status page needs only these,
 * and the agent already exports them for Prometheus, so there is no second pool API to keep in
 * step. Everything else on the page is ignored; a series with a NaN value (the moment a layout
 * changes) is skipped.
 */
final class PoolMetricsText {

    static final String UTILIZATION = "dhcpd_subnet_utilization_ratio";
    static final String SIZE = "dhcpd_subnet_size_addresses";
    static final String ADDRESSES = "dhcpd_subnet_addresses";

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)\\}\\s+(\\S+)");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PoolMetricsText() {}

    /** The subnets with a utilization series, in the order the agent listed them. */
    static List<SubnetUtilization> parse(String text) {
        Map<String, Double> utilization = new LinkedHashMap<>();
        Map<String, Long> size = new LinkedHashMap<>();
        Map<String, Long> active = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("dhcpd_subnet_")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.find()) {
                continue;
            }
            Optional<Double> value = number(m.group(3));
            if (value.isEmpty()) {
                continue;
            }
            Map<String, String> labels = labels(m.group(2));
            String subnet = labels.get("subnet");
            if (subnet == null) {
                continue;
            }
            switch (m.group(1)) {
                case UTILIZATION -> utilization.put(subnet, value.get());
                case SIZE -> size.put(subnet, Math.round(value.get()));
                case ADDRESSES -> {
                    if ("active".equals(labels.get("state"))) {
                        active.put(subnet, Math.round(value.get()));
                    }
                }
                default -> {}
            }
        }
        List<SubnetUtilization> subnets = new ArrayList<>();
        utilization.forEach(
                (subnet, ratio) ->
                        subnets.add(
                                new SubnetUtilization(
                                        subnet,
                                        ratio,
                                        active.getOrDefault(subnet, -1L),
                                        size.getOrDefault(subnet, -1L))));
        return List.copyOf(subnets);
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher m = LABEL.matcher(text);
        while (m.find()) {
            labels.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return labels;
    }

    private static Optional<Double> number(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
