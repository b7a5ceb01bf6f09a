package dk.npflan.dhcp.dhcpd;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code subnet … netmask … { … }} blocks of a rendered dhcpd.conf by prefix, each with the
 * comment line above it (which names the NetBox prefix), so a diff sees a changed description as a
 * changed subnet. Reads our own renderer's layout: a block ends at the first line that is exactly
 * {@code }} indented as far as the block's first line.
 */
final class DhcpdSubnetBlocks {

    private static final Pattern SUBNET =
            Pattern.compile(
                    "^ *subnet (\\d+\\.\\d+\\.\\d+\\.\\d+) netmask (\\d+\\.\\d+\\.\\d+\\.\\d+) \\{");
    private static final Pattern SHARED_NETWORK =
            Pattern.compile("^shared-network \"([^\"]*)\" \\{");

    private static final Function<Matcher, String> SUBNET_KEY =
            m -> m.group(1) + "/" + prefixLength(m.group(2));

    private DhcpdSubnetBlocks() {}

    /**
     * A subnet inside a {@code shared-network} block starts with that block's first line, so moving
     * a subnet into, out of or between shared networks shows as a changed subnet.
     */
    static Map<String, String> of(String config) {
        Map<String, String> subnets = blocks(config, SUBNET, SUBNET_KEY, true);
        Map<String, String> networks = new HashMap<>();
        blocks(config, SHARED_NETWORK, m -> m.group(0), false)
                .forEach(
                        (header, block) ->
                                blocks(block, SUBNET, SUBNET_KEY, false)
                                        .keySet()
                                        .forEach(subnet -> networks.put(subnet, header)));
        networks.forEach(
                (subnet, header) ->
                        subnets.computeIfPresent(subnet, (k, block) -> header + "\n" + block));
        return subnets;
    }

    /**
     * Every top-level block whose first line matches {@code start}, by {@code key}; with {@code
     * withComment} the comment line just above belongs to the block.
     */
    static Map<String, String> blocks(
            String config, Pattern start, Function<Matcher, String> key, boolean withComment) {
        Map<String, String> blocks = new LinkedHashMap<>();
        String[] lines = config.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = start.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            StringBuilder block = new StringBuilder();
            if (withComment && i > 0 && lines[i - 1].strip().startsWith("#")) {
                block.append(lines[i - 1]).append('\n');
            }
            String end = lines[i].substring(0, lines[i].indexOf(lines[i].strip())) + "}";
            int j = i;
            while (j < lines.length && !lines[j].equals(end)) {
                block.append(lines[j++]).append('\n');
            }
            i = j;
            blocks.put(key.apply(m), block.toString());
        }
        return blocks;
    }

    private static int prefixLength(String netmask) {
        int bits = 0;
        for (String octet : netmask.split("\\.")) {
            bits += Integer.bitCount(Integer.parseInt(octet));
        }
        return bits;
    }
}
