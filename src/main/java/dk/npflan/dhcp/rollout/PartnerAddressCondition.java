package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import java.util.Optional;

/**
 * Met when the peer re-paired in place holds its partner's current address. Fails fast (halt) when
 * it resolved the old address {@code moved} again: the partner's name has not moved yet (DNS or a
 * hosts file behind), so waiting out the gate would only repeat the deadlock; a later re-pair tries
 * again.
 */
public record PartnerAddressCondition(PeerRole role, Ipv4Address moved) implements PairCondition {

    @Override
    public Verdict evaluate(PairObservation observed) {
        PeerRole partner = role == PeerRole.PRIMARY ? PeerRole.SECONDARY : PeerRole.PRIMARY;
        Optional<Ipv4Address> held = observed.of(role).state().flatMap(PeerState::partnerAddress);
        Optional<Ipv4Address> now = observed.of(partner).state().flatMap(PeerState::address);
        if (held.isEmpty() || now.isEmpty()) {
            return Verdict.notYet(role.keyword() + " has not reported its partner's address yet");
        }
        if (held.equals(now)) {
            return Verdict.MET;
        }
        if (held.get().equals(moved)) {
            return new Verdict.FailFast(
                    StepOutcome.Kind.HALT,
                    StepReason.PARTNER_NAME_STALE,
                    role.keyword()
                            + " resolved the old "
                            + moved
                            + " again after its restart; "
                            + partner.keyword()
                            + " is at "
                            + now.get());
        }
        return Verdict.notYet(
                role.keyword()
                        + " holds "
                        + held.get()
                        + ", "
                        + partner.keyword()
                        + " is at "
                        + now.get());
    }
}
