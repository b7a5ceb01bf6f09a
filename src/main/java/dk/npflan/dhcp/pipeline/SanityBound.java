package dk.npflan.dhcp.pipeline;

/**
 * The guard against a NetBox mishap or a wrong filter emptying the DHCP service: a config that
 * removes more than {@code maxRemovedShare} of the published subnets, or of the published host
 * reservations, is held unless an operator forced it. Pure, so the rule is tested on its own.
 */
public record SanityBound(double maxRemovedShare) {

    /** The verdict on one diff. */
    public enum Verdict {
        /** Removes no more than the bound allows (or nothing was published yet). */
        WITHIN,
        /** Removes too much: hold, audit, wait for {@code POST /reconcile?force=true}. */
        HOLD,
        /** Removes too much, but an operator confirmed it. */
        FORCED
    }

    public Verdict judge(SubnetDiff diff, boolean force) {
        if (diff.removedShare() <= maxRemovedShare
                && diff.reservations().removedShare() <= maxRemovedShare) {
            return Verdict.WITHIN;
        }
        return force ? Verdict.FORCED : Verdict.HOLD;
    }
}
