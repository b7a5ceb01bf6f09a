package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.peer.PeerHealth;
import java.util.Locale;

/**
 * What a peer's failover/HA state means for the people looking at it, and the colour it gets: the
 * raw word ({@code communications-interrupted}, {@code partner-down}, Kea's {@code hot-standby})
 * alone tells only those who know the server. Built on the neutral {@link PeerHealth}, so dhcpd and
 * Kea states read alike.
 */
public enum HealthMeaning {
    NORMAL("ok", "in step with its partner: serving as a pair"),
    SYNCING("warn", "coming up or catching up with its partner; wait"),
    PARTNER_UNREACHABLE(
            "warn", "serving, but out of touch with its partner (own free addresses only)"),
    SERVING_ALONE("bad", "serving every client alone: its partner is taken to be down"),
    LEASE_STATE_LOST("bad", "lost its lease state: waits a lease time before serving in full"),
    NOT_SERVING("bad", "up, but deliberately not serving"),
    UNKNOWN("unknown", "not read yet, or a state this version does not know");

    private final String tone;
    private final String meaning;

    HealthMeaning(String tone, String meaning) {
        this.tone = tone;
        this.meaning = meaning;
    }

    /**
     * The CSS class the page colours it with: {@code ok}, {@code warn}, {@code bad}, {@code
     * unknown}.
     */
    public String tone() {
        return tone;
    }

    public String meaning() {
        return meaning;
    }

    /** From a {@link PeerHealth} name as {@code /status} carries it; unknown for anything else. */
    public static HealthMeaning of(String health) {
        if (health == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(PeerHealth.valueOf(health.toUpperCase(Locale.ROOT)).name());
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
