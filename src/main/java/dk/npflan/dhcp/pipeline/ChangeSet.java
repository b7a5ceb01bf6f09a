package dk.npflan.dhcp.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one keyed set of definitions adds, removes and changes against the published one: keys only
 * in the new set, keys only in the published one, and keys whose defining text differs. The subnets
 * of a {@link SubnetDiff} (keyed by prefix) and its host reservations (keyed by {@code
 * nbd-ip-<id>}) are each one.
 */
public record ChangeSet(
        List<String> added, List<String> removed, List<String> changed, int published) {

    public ChangeSet {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    public static ChangeSet none() {
        return new ChangeSet(List.of(), List.of(), List.of(), 0);
    }

    /**
     * @param before the published definitions (key → text), empty when nothing is published
     */
    public static ChangeSet between(Map<String, String> before, Map<String, String> after) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        after.forEach(
                (key, text) -> {
                    String old = before.get(key);
                    if (old == null) {
                        added.add(key);
                    } else if (!old.equals(text)) {
                        changed.add(key);
                    }
                });
        List<String> removed =
                before.keySet().stream().filter(key -> !after.containsKey(key)).toList();
        return new ChangeSet(added, removed, changed, before.size());
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** Removed keys as a share of the published ones (0 when nothing was published). */
    public double removedShare() {
        return published == 0 ? 0 : (double) removed.size() / published;
    }
}
