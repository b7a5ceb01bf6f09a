package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.peer.PeerHealth;
import java.util.Optional;

/**
 * Whether a peer holds its partner's old address ("partner address moved"). dhcpd resolves the
 * {@code peer address} when it starts, keeps the answer for an hour and accepts failover
 * connections only from it; a partner recreated at a new address (a node drain gives the pod a new
 * IP) is turned away ({@code failover: listener: no matching state}) and both stay
 * communications-interrupted until the stale peer restarts. No restart of the moved peer and no
 * wait for normal can fix that, so it is recognised here, from one poll of the pair, and remedied
 * by restarting the stale peer in place once its partner serves.
 */
public sealed interface PartnerMove {

    /**
     * {@code stale} is communications-interrupted and holds {@code from} for its partner, which is
     * at {@code to} and serves: restart {@code stale} in place.
     */
    record Moved(PeerRole stale, Ipv4Address from, Ipv4Address to) implements PartnerMove {

        /** The audit's reason text. */
        public String describe() {
            return "re-pair: partner moved from " + from + " to " + to;
        }
    }

    /**
     * As {@link Moved}, but the partner does not serve yet (a recreated peer sits up to 15 s in
     * startup): restarting {@code stale} now would leave nobody serving, so wait.
     */
    record AwaitPartner(PeerRole stale, Ipv4Address from, Ipv4Address to, String why)
            implements PartnerMove {}

    /** No peer holds an old address, or it cannot be told (why). */
    record InPlace(String why) implements PartnerMove {}

    /** The verdict for one poll; the secondary is looked at first. */
    static PartnerMove of(PairObservation seen) {
        PartnerMove waiting = null;
        StringBuilder why = new StringBuilder();
        for (PeerRole stale : new PeerRole[] {PeerRole.SECONDARY, PeerRole.PRIMARY}) {
            PartnerMove verdict = of(seen, stale);
            if (verdict instanceof Moved) {
                return verdict;
            }
            if (verdict instanceof AwaitPartner && waiting == null) {
                waiting = verdict;
            }
            if (verdict instanceof InPlace inPlace) {
                why.append(why.isEmpty() ? "" : "; ").append(inPlace.why());
            }
        }
        return waiting != null ? waiting : new InPlace(why.toString());
    }

    private static PartnerMove of(PairObservation seen, PeerRole stale) {
        PeerRole partner = stale == PeerRole.PRIMARY ? PeerRole.SECONDARY : PeerRole.PRIMARY;
        Optional<PeerState> self = seen.of(stale).state();
        Optional<PeerState> other = seen.of(partner).state();
        String name = stale.keyword();
        if (self.isEmpty()) {
            return new InPlace(name + " unreachable");
        }
        String state = PeerState.raw(self.get().localHealth(), "?");
        if (!self.get().localIs(PeerHealth.PARTNER_UNREACHABLE)) {
            return new InPlace(name + " is " + state);
        }
        Optional<Ipv4Address> held = self.get().partnerAddress();
        Optional<Ipv4Address> now = other.flatMap(PeerState::address);
        if (held.isEmpty() || now.isEmpty()) {
            return new InPlace(
                    name
                            + " "
                            + state
                            + ", but "
                            + (held.isEmpty()
                                    ? "the partner address it holds is unknown"
                                    : partner.keyword() + "'s address is unknown"));
        }
        if (held.equals(now)) {
            return new InPlace(
                    name
                            + " "
                            + state
                            + ", holding "
                            + partner.keyword()
                            + "'s "
                            + "current address "
                            + now.get());
        }
        if (new ServingCondition(partner).evaluate(seen) instanceof Verdict.NotYet notYet) {
            return new AwaitPartner(stale, held.get(), now.get(), notYet.why());
        }
        return new Moved(stale, held.get(), now.get());
    }
}
