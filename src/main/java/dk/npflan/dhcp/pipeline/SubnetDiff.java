package dk.npflan.dhcp.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which NetBox subnets a new config adds, removes or changes compared with the published one, by
 * prefix. Both sides are read from the rendered dhcpd.conf text, because after a restart the
 * published bundle (a ConfigMap) is all there is; a subnet counts as changed when its block, the
 * comment line above it included, differs. The always-present probe and server-network subnets are
 * left out.
 */
public record SubnetDiff(
        List<String> added, List<String> removed, List<String> changed, int publishedSubnets) {

    private static final Pattern SUBNET =
            Pattern.compile(
                    "^subnet (\\d+\\.\\d+\\.\\d+\\.\\d+) netmask (\\d+\\.\\d+\\.\\d+\\.\\d+) \\{");

    public SubnetDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** The diff against nothing published: every subnet is added. */
    public static SubnetDiff fromNothing(String config, Set<String> synthetic) {
        return between(null, config, synthetic);
    }

    /**
     * @param published the published dhcpd.conf, or null when nothing is published
     * @param synthetic prefixes ({@code a.b.c.d/len}) of the subnets that do not come from NetBox
     */
    public static SubnetDiff between(String published, String config, Set<String> synthetic) {
        Map<String, String> before = published == null ? Map.of() : blocks(published, synthetic);
        Map<String, String> after = blocks(config, synthetic);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        after.forEach(
                (prefix, block) -> {
                    String old = before.get(prefix);
                    if (old == null) {
                        added.add(prefix);
                    } else if (!old.equals(block)) {
                        changed.add(prefix);
                    }
                });
        List<String> removed =
                before.keySet().stream().filter(prefix -> !after.containsKey(prefix)).toList();
        return new SubnetDiff(added, removed, changed, before.size());
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** Removed subnets as a share of the published ones (0 when nothing was published). */
    public double removedShare() {
        return publishedSubnets == 0 ? 0 : (double) removed.size() / publishedSubnets;
    }

    /** Subnet blocks by prefix, each with the comment line above it. */
    static Map<String, String> blocks(String config, Set<String> synthetic) {
        Map<String, String> blocks = new LinkedHashMap<>();
        String[] lines = config.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = SUBNET.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            String prefix = m.group(1) + "/" + prefixLength(m.group(2));
            StringBuilder block = new StringBuilder();
            if (i > 0 && lines[i - 1].startsWith("#")) {
                block.append(lines[i - 1]).append('\n');
            }
            int j = i;
            while (j < lines.length && !lines[j].equals("}")) {
                block.append(lines[j++]).append('\n');
            }
            i = j;
            if (!synthetic.contains(prefix)) {
                blocks.put(prefix, block.toString());
            }
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
