package dk.npflan.dhcp.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which NetBox subnets a new config adds, removes or changes compared with the published one, by
 * prefix. Both sides are the subnets the backend reads out of a bundle ({@link
 * dk.npflan.dhcp.backend.ServerBackend#subnets}), because after a restart the published bundle (a
 * ConfigMap) is all there is; a subnet counts as changed when its defining text differs. The
 * always-present probe and server-network subnets are left out.
 */
public record SubnetDiff(
        List<String> added, List<String> removed, List<String> changed, int publishedSubnets) {

    public SubnetDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** The diff against nothing published: every subnet is added. */
    public static SubnetDiff fromNothing(Map<String, String> subnets, Set<String> synthetic) {
        return between(Map.of(), subnets, synthetic);
    }

    /**
     * @param published the published bundle's subnets (prefix → text), empty when nothing is
     *     published
     * @param synthetic prefixes ({@code a.b.c.d/len}) of the subnets that do not come from NetBox
     */
    public static SubnetDiff between(
            Map<String, String> published, Map<String, String> subnets, Set<String> synthetic) {
        Map<String, String> before = withoutSynthetic(published, synthetic);
        Map<String, String> after = withoutSynthetic(subnets, synthetic);
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

    private static Map<String, String> withoutSynthetic(
            Map<String, String> subnets, Set<String> synthetic) {
        Map<String, String> kept = new LinkedHashMap<>(subnets);
        kept.keySet().removeAll(synthetic);
        return kept;
    }
}
