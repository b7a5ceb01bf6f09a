package dk.npflan.dhcp.omapi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What dhcpd reports for one failover peer through OMAPI: the two states the rollout gate and the
 * operator command decide on, plus the attributes that explain them (MCLT, STOS). Attributes dhcpd
 * did not send are empty. {@code partner-address}/{@code local-address} are deliberately absent:
 * dhcpd 4.4.3 returns garbage for them.
 *
 * @param peerName the failover peer name asked for
 * @param local this server's state ({@code local-state})
 * @param partner this server's view of its partner ({@code partner-state})
 * @param hierarchy 0 = this server is primary, 1 = secondary ({@code hierarchy})
 * @param mclt maximum client lead time ({@code mclt})
 * @param localStos when this server entered its state ({@code local-stos})
 * @param partnerStos when the partner entered its state ({@code partner-stos})
 */
public record FailoverStatus(
        String peerName,
        FailoverCode local,
        FailoverCode partner,
        OptionalInt hierarchy,
        Optional<Duration> mclt,
        Optional<Instant> localStos,
        Optional<Instant> partnerStos) {

    /**
     * True when both sides are in normal: the only state in which a rollout may touch the other
     * peer.
     */
    public boolean bothNormal() {
        return local.isNormal() && partner.isNormal();
    }

    /** "primary" / "secondary" from {@code hierarchy}, or "unknown". */
    public String role() {
        if (hierarchy.isEmpty()) {
            return "unknown";
        }
        return switch (hierarchy.getAsInt()) {
            case 0 -> "primary";
            case 1 -> "secondary";
            default -> "unknown(" + hierarchy.getAsInt() + ")";
        };
    }
}
