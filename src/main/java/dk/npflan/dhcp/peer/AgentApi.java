package dk.npflan.dhcp.peer;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON bodies of the agent's HTTP API ({@code docs/agent.md}, "HTTP API"), written once for
 * both ends: the agent serialises them, the listener's {@code rollout.agent.AgentClient} binds its
 * answers to them, so a field renamed on one side is renamed on the other by the compiler. Records,
 * serialised by Jackson in component order; absent values are {@code null}, never missing. Nothing
 * here knows the agent's internals or the rollout: plain values only.
 */
public final class AgentApi {

    private AgentApi() {}

    /** {@code GET /live}. */
    public record Live(boolean live, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {}

    /** {@code GET /ready} (200 or 503). */
    public record Ready(boolean ready, String reason, Probe probe) {}

    /** {@code GET /state}: everything the roller reasons about, and more for operators. */
    public record State(
            String role,
            String agentVersion,
            String runningConfigHash,
            String mountedConfigHash,
            Dhcpd dhcpd,
            Failover failover,
            Pair pair,
            Probe probe,
            PartnerAddressView partnerAddress,
            String backend,
            List<Daemon> daemons) {}

    /**
     * One process the agent runs for its server ({@code dhcpd}; {@code kea-dhcp4} and {@code
     * kea-ctrl-agent}): whether it runs, its pid, and how often the agent started it again.
     */
    public record Daemon(String name, boolean running, Long pid, int restarts) {}

    /** The partner's address as the server holds it (it accepts failover connections from it). */
    public record PartnerAddressView(
            String configured, String resolved, String resolvedAt, String error) {}

    /**
     * The supervised server process: dhcpd, or kea-dhcp4 with a Kea backend ({@code
     * State.backend}).
     */
    public record Dhcpd(
            boolean running,
            Long pid,
            String startedAt,
            double uptimeSeconds,
            int restarts,
            boolean crashLoop,
            LastExit lastExit) {}

    /** How the last run of the server ended. */
    public record LastExit(
            String kind, Integer exitCode, String at, double ranSeconds, String detail) {}

    /** The failover states in dhcpd's own words and codes; all null with {@code error} set. */
    public record Failover(
            String localState,
            Integer localStateCode,
            String partnerState,
            Integer partnerStateCode,
            String error) {}

    /**
     * Both failover states in neutral words, for the roller's gates, with the server's own text
     * beside them; {@code null} when they could not be read ({@code failover.error} says why).
     */
    public record Pair(HealthReading local, HealthReading partner) {}

    /** The last readiness probe of the current server run; {@link #NONE} before the first. */
    public record Probe(
            boolean ready,
            String result,
            Double latencyMillis,
            String at,
            String path,
            @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {

        /** No reading of the current server run yet (one is being taken). */
        public static final Probe NONE = new Probe(false, null, null, null, null, null);
    }

    /**
     * {@code POST /restart}; {@code inPlace}: start again on what runs (re-pair), absent = false.
     */
    public record RestartRequest(
            String expectedConfigHash, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean inPlace) {

        /** Start the server on the mounted bundle, which must hash to {@code expected}. */
        public static RestartRequest onto(String expected) {
            return new RestartRequest(expected, null);
        }

        /** Start the server again on what it runs, which must hash to {@code running}. */
        public static RestartRequest inPlaceOn(String running) {
            return new RestartRequest(running, true);
        }

        public boolean restartInPlace() {
            return Boolean.TRUE.equals(inPlace);
        }
    }

    /** 200 to a restart that was not needed: the server already runs the hash. */
    public record NotRestarted(boolean restarted, String runningConfigHash) {}

    /** 200 to a restart that stopped and started the server. */
    public record Restarted(
            boolean restarted, String runningConfigHash, long pid, long durationMillis) {}

    /** One line the server's own config check rejected. */
    public record FileError(String file, Integer line, String message) {}

    /**
     * RFC 9457 problem detail, with the extension members some problems carry; {@code type} ends in
     * one of the slugs of {@code docs/agent.md} ({@code hash-mismatch}, {@code config-invalid}, …).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(
            String type,
            String title,
            int status,
            String detail,
            String expectedConfigHash,
            @JsonAlias("mountedHash") String mountedConfigHash,
            String runningConfigHash,
            List<FileError> errors) {

        public static final String TYPE_BASE = "https://netbox-dhcpd.npflan.dk/problems/";

        public static Problem of(int status, String slug, String title, String detail) {
            return new Problem(TYPE_BASE + slug, title, status, detail, null, null, null, null);
        }

        /** Whether this is the problem {@code slug}. */
        public boolean is(String slug) {
            return type != null && type.endsWith("/" + slug);
        }
    }
}
