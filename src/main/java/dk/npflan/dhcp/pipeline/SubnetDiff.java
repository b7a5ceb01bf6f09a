package dk.npflan.dhcp.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which NetBox subnets a new config adds, removes or changes compared with the published one, by
 * prefix, and which host reservations, by {@code nbd-ip-<NetBox id>}. Both sides are what the
 * backend reads out of a bundle ({@link dk.npflan.dhcp.backend.ServerBackend#subnets}, {@link
 * dk.npflan.dhcp.backend.ServerBackend#reservations}), because after a restart the published bundle
 * (a ConfigMap) is all there is; a subnet or reservation counts as changed when its defining text
 * differs, and a reservation's change never counts as its subnet's. The always-present probe and
 * server-network subnets are left out.
 */
public record SubnetDiff(
        List<String> added,
        List<String> removed,
        List<String> changed,
        int publishedSubnets,
        ChangeSet reservations) {

    public SubnetDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        reservations = reservations == null ? ChangeSet.none() : reservations;
    }

    /** A diff of subnets only (no reservations on either side). */
    public SubnetDiff(
            List<String> added, List<String> removed, List<String> changed, int publishedSubnets) {
        this(added, removed, changed, publishedSubnets, ChangeSet.none());
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
        return between(published, subnets, synthetic, ChangeSet.none());
    }

    /** The same, with the host reservations' changes. */
    public static SubnetDiff between(
            Map<String, String> published,
            Map<String, String> subnets,
            Set<String> synthetic,
            ChangeSet reservations) {
        ChangeSet s =
                ChangeSet.between(
                        withoutSynthetic(published, synthetic),
                        withoutSynthetic(subnets, synthetic));
        return new SubnetDiff(s.added(), s.removed(), s.changed(), s.published(), reservations);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && reservations.isEmpty();
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
