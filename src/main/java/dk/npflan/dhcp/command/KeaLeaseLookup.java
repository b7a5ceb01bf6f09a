package dk.npflan.dhcp.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.kea.KeaSettings;
import dk.npflan.dhcp.kea.control.KeaAnswer;
import dk.npflan.dhcp.kea.control.KeaControlClient;
import dk.npflan.dhcp.kea.control.KeaControlException;
import dk.npflan.dhcp.kea.control.KeaResult;
import dk.npflan.dhcp.kea.control.KeaUnreachableException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Optional;

/**
 * A Kea peer's lease through its control agent: {@code lease4-get} by {@code ip-address}, {@code
 * lease4-get-by-hw-address} by MAC (the {@code lease_cmds} hook must be loaded). Kea's lease state
 * 0 is the active one; start is {@code cltt}, end {@code cltt + valid-lft}.
 */
final class KeaLeaseLookup implements LeaseLookup {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final KeaSettings.Control.Timeouts timeouts;

    KeaLeaseLookup(HttpClient http, KeaSettings.Control.Timeouts timeouts) {
        this.http = http;
        this.timeouts = timeouts;
    }

    @Override
    public PeerLease find(String server, LeaseQuery query) {
        URI agent;
        try {
            agent = URI.create(server);
        } catch (IllegalArgumentException e) {
            return new PeerLease.Unreachable("not a control agent URL: " + server);
        }
        KeaControlClient kea =
                KeaControlClient.throughAgent(http, agent, Optional.of("dhcp4"), timeouts);
        ObjectNode arguments = JSON.createObjectNode();
        String command;
        if (query instanceof LeaseQuery.ByMac m) {
            command = "lease4-get-by-hw-address";
            arguments.put("hw-address", m.mac());
        } else {
            command = "lease4-get";
            arguments.put("ip-address", ((LeaseQuery.ByAddress) query).address().getHostAddress());
        }
        try {
            KeaAnswer<JsonNode> answer =
                    kea.send(command, arguments, JsonNode.class, timeouts.command());
            if (answer.outcome() == KeaResult.EMPTY) {
                return new PeerLease.NotFound("Kea holds no lease for " + query);
            }
            if (!answer.succeeded() || answer.arguments() == null) {
                return new PeerLease.Unreachable(command + " failed: " + answer.text());
            }
            JsonNode lease = answer.arguments();
            if (lease.has("leases")) {
                if (lease.get("leases").isEmpty()) {
                    return new PeerLease.NotFound("Kea holds no lease for " + query);
                }
                lease = lease.get("leases").get(0);
            }
            return found(lease);
        } catch (KeaUnreachableException e) {
            return new PeerLease.Unreachable(e.getMessage());
        } catch (KeaControlException e) {
            return new PeerLease.Unreachable(command + ": " + e.getMessage());
        }
    }

    private static PeerLease found(JsonNode lease) {
        int state = lease.path("state").asInt(-1);
        long cltt = lease.path("cltt").asLong(0);
        long valid = lease.path("valid-lft").asLong(0);
        return new PeerLease.Found(
                lease.path("ip-address").asText("?"),
                switch (state) {
                    case 0 -> "default";
                    case 1 -> "declined";
                    case 2 -> "expired-reclaimed";
                    default -> "state " + state;
                },
                state == 0,
                text(lease, "hw-address"),
                text(lease, "hostname"),
                cltt > 0 ? Optional.of(Instant.ofEpochSecond(cltt)) : Optional.empty(),
                cltt > 0 ? Optional.of(Instant.ofEpochSecond(cltt + valid)) : Optional.empty());
    }

    private static Optional<String> text(JsonNode lease, String field) {
        return Optional.ofNullable(lease.get(field))
                .map(JsonNode::asText)
                .filter(t -> !t.isBlank())
                .map(t -> t.replaceAll("[^\\x20-\\x7e]", "?"));
    }
}
