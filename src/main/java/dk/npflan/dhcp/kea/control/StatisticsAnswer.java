package dk.npflan.dhcp.kea.control;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code statistic-get-all}'s arguments: every statistic as a list of {@code [value,
 * timestamp]} samples, newest first. Only the per-subnet keys are turned into records; pool-level
 * keys ({@code subnet[1].pool[0].…}, Kea 2.3+) and global counters are left out.
 */
final class StatisticsAnswer {

    private static final Pattern SUBNET_KEY = Pattern.compile("subnet\\[(\\d+)]\\.([a-z0-9-]+)");

    /** One sample as Kea writes it: a two-element array. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record Sample(JsonNode value, String timestamp) {}

    private StatisticsAnswer() {}

    /** The subnets' counters, by ascending subnet id. */
    static List<SubnetStatistics> subnets(Map<String, List<Sample>> statistics) {
        Map<Long, long[]> counters = new TreeMap<>();
        statistics.forEach(
                (name, samples) -> {
                    Matcher key = SUBNET_KEY.matcher(name);
                    if (!key.matches()) {
                        return;
                    }
                    int slot =
                            switch (key.group(2)) {
                                case "total-addresses" -> 0;
                                case "assigned-addresses" -> 1;
                                case "declined-addresses" -> 2;
                                default -> -1;
                            };
                    if (slot < 0) {
                        return;
                    }
                    long id = Long.parseLong(key.group(1));
                    counters.computeIfAbsent(id, k -> new long[3])[slot] = newest(samples);
                });
        List<SubnetStatistics> subnets = new ArrayList<>(counters.size());
        counters.forEach((id, c) -> subnets.add(new SubnetStatistics(id, c[0], c[1], c[2])));
        return subnets;
    }

    private static long newest(List<Sample> samples) {
        if (samples == null || samples.isEmpty() || samples.get(0).value() == null) {
            return 0;
        }
        return samples.get(0).value().asLong();
    }
}
