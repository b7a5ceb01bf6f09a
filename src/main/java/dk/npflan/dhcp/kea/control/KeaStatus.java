package dk.npflan.dhcp.kea.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code status-get} reports. In Kea 2.2 it includes the HA hook's view of both servers when
 * the hook is loaded ({@code high-availability}: mode, this server's role, scopes and state, and
 * what it last heard of the partner), so one call answers "is it up" and "where is HA".
 *
 * @param pid the daemon's process id
 * @param uptimeSeconds seconds since the daemon started
 * @param secondsSinceReload seconds since the last (re)configuration, {@code config-set} included
 * @param multiThreadingEnabled whether packet processing is multi-threaded
 * @param highAvailability one entry per HA relationship; empty without the HA hook
 */
public record KeaStatus(
        long pid,
        @JsonProperty("uptime") long uptimeSeconds,
        @JsonProperty("reload") long secondsSinceReload,
        @JsonProperty("multi-threading-enabled") boolean multiThreadingEnabled,
        @JsonProperty("high-availability") List<HaRelationship> highAvailability) {

    public KeaStatus {
        highAvailability = highAvailability == null ? List.of() : List.copyOf(highAvailability);
    }

    public Duration uptime() {
        return Duration.ofSeconds(uptimeSeconds);
    }

    /** This server's HA state in its (first) relationship; empty without the HA hook. */
    public Optional<KeaHaState> localHaState() {
        return highAvailability.stream()
                .map(HaRelationship::servers)
                .filter(s -> s != null && s.local() != null)
                .map(s -> s.local().state())
                .findFirst();
    }

    /** One HA relationship: its mode and both servers. */
    public record HaRelationship(
            @JsonProperty("ha-mode") String mode, @JsonProperty("ha-servers") HaServers servers) {}

    /** This server and its partner as this server sees them. */
    public record HaServers(LocalServer local, RemoteServer remote) {}

    /** This server: its role, the scopes it answers for, and its state. */
    public record LocalServer(String role, List<String> scopes, KeaHaState state) {}

    /**
     * The partner, from the last heartbeat: how old that is, whether communication is interrupted,
     * and the unacked-client counters that drive the automatic failover.
     */
    public record RemoteServer(
            String role,
            @JsonProperty("last-state") KeaHaState lastState,
            @JsonProperty("last-scopes") List<String> lastScopes,
            long age,
            @JsonProperty("in-touch") boolean inTouch,
            @JsonProperty("communication-interrupted") boolean communicationInterrupted,
            @JsonProperty("connecting-clients") long connectingClients,
            @JsonProperty("unacked-clients") long unackedClients,
            @JsonProperty("unacked-clients-left") long unackedClientsLeft,
            @JsonProperty("analyzed-packets") long analyzedPackets) {}
}
