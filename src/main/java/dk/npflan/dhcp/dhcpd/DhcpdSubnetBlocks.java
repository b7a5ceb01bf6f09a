package dk.npflan.dhcp.dhcpd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code subnet … netmask … { … }} blocks of a rendered dhcpd.conf by prefix, each with the
 * comment line above it (which names the NetBox prefix), so a diff sees a changed description as a
 * changed subnet. Reads our own renderer's layout: a block ends at the first line that is exactly
 * {@code }}.
 */
final class DhcpdSubnetBlocks {

    private static final Pattern SUBNET =
            Pattern.compile(
                    "^subnet (\\d+\\.\\d+\\.\\d+\\.\\d+) netmask (\\d+\\.\\d+\\.\\d+\\.\\d+) \\{");

    private DhcpdSubnetBlocks() {}

    static Map<String, String> of(String config) {
        return blocks(config, SUBNET, m -> m.group(1) + "/" + prefixLength(m.group(2)), true);
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
            if (withComment && i > 0 && lines[i - 1].startsWith("#")) {
                block.append(lines[i - 1]).append('\n');
            }
            int j = i;
            while (j < lines.length && !lines[j].equals("}")) {
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
