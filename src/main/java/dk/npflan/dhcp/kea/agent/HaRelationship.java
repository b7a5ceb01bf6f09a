package dk.npflan.dhcp.kea.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dk.npflan.dhcp.kea.control.KeaHaState;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * This server's HA relationship as a config declares it (the {@code libdhcp_ha.so} parameters):
 * which peer it is, where its partner is reached, and what follows for an apply: whether this peer
 * serves a scope (the primary in hot-standby, either in load-balancing) and so needs its partner to
 * take its clients over while it reloads, and which scopes to give the partner and back. Read from
 * the config being applied, so the partner is the one that config names.
 *
 * @param mode {@code hot-standby} or {@code load-balancing}
 * @param self this server ({@code this-server-name})
 * @param partner the other peer
 * @param heartbeatDelay the hook's {@code heartbeat-delay}
 */
public record HaRelationship(String mode, Peer self, Peer partner, Duration heartbeatDelay) {

    /** Kea's default {@code heartbeat-delay}. */
    static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);

    /**
     * One peer of the relationship.
     *
     * @param name its name, which is also the name of the scope it serves
     * @param url where its control API is reached ({@code http://<IPv4>:<port>/})
     * @param role {@code primary}, {@code standby}, {@code secondary}, {@code backup}
     */
    public record Peer(String name, URI url, String role) {}

    /**
     * The relationship in {@code dhcp4} (the value of {@code Dhcp4}); empty without the HA hook, or
     * when this server or its partner is not among its peers.
     */
    public static Optional<HaRelationship> of(JsonNode dhcp4) {
        for (JsonNode hook : dhcp4.path("hooks-libraries")) {
            if (!hook.path("library").asText().endsWith("libdhcp_ha.so")) {
                continue;
            }
            JsonNode ha = hook.path("parameters").path("high-availability").path(0);
            String thisServer = ha.path("this-server-name").asText();
            Peer self = null;
            Peer partner = null;
            for (JsonNode peer : ha.path("peers")) {
                Peer p;
                try {
                    p =
                            new Peer(
                                    peer.path("name").asText(),
                                    URI.create(peer.path("url").asText()),
                                    peer.path("role").asText());
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
                if (p.name().equals(thisServer)) {
                    self = p;
                } else if (partner == null && !p.role().equals("backup")) {
                    partner = p;
                }
            }
            if (self == null || partner == null) {
                return Optional.empty();
            }
            Duration heartbeat =
                    ha.has("heartbeat-delay")
                            ? Duration.ofMillis(ha.path("heartbeat-delay").asLong())
                            : DEFAULT_HEARTBEAT;
            return Optional.of(
                    new HaRelationship(
                            ha.path("mode").asText("load-balancing"), self, partner, heartbeat));
        }
        return Optional.empty();
    }

    boolean loadBalancing() {
        return mode.equals("load-balancing");
    }

    /** Whether clients go unanswered while this peer reloads, unless its partner takes over. */
    public boolean servesScope() {
        return loadBalancing() || self.role().equals("primary");
    }

    /** The scopes the partner answers for during the takeover: its own and this peer's. */
    public List<String> takeoverScopes() {
        return loadBalancing() ? List.of(partner.name(), self.name()) : List.of(self.name());
    }

    /**
     * The scopes the partner answers for in its normal state: its own in load-balancing; in
     * hot-standby the primary's scope if the partner is the primary, none for the standby.
     */
    public List<String> partnerOwnScopes() {
        return loadBalancing() || partner.role().equals("primary")
                ? List.of(partner.name())
                : List.of();
    }

    /** The state both peers are in when all is well. */
    public KeaHaState normalState() {
        return loadBalancing() ? KeaHaState.LOAD_BALANCING : KeaHaState.HOT_STANDBY;
    }
}
