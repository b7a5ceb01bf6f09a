package dk.npflan.dhcp.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.npflan.dhcp.omapi.FailoverStatus;
import dk.npflan.dhcp.probe.ProbeOutcome;
import java.time.Instant;
import java.util.List;

/**
 * The JSON bodies of the agent's HTTP API (CONTRACTS §2 of the project: field names and nesting are
 * what the rollout client reads). Records, serialised by Jackson in component order; absent values
 * are {@code null}, never missing.
 */
final class AgentViews {

    private AgentViews() {}

    record Live(boolean live, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {}

    record Ready(boolean ready, String reason, Probe probe) {}

    record State(
            String role,
            String agentVersion,
            String runningConfigHash,
            String mountedConfigHash,
            Dhcpd dhcpd,
            Failover failover,
            Probe probe,
            PartnerAddressView partnerAddress) {}

    /** {@link dk.npflan.dhcp.agent.PartnerAddress}: the partner's address as dhcpd holds it. */
    record PartnerAddressView(String configured, String resolved, String resolvedAt, String error) {

        static PartnerAddressView of(PartnerAddress a) {
            return new PartnerAddressView(
                    a.configured(),
                    a.resolved().map(Object::toString).orElse(null),
                    a.at().toString(),
                    a.error().orElse(null));
        }
    }

    record Dhcpd(
            boolean running,
            Long pid,
            String startedAt,
            double uptimeSeconds,
            int restarts,
            boolean crashLoop,
            LastExit lastExit) {

        static Dhcpd of(WatchdogStatus s) {
            return new Dhcpd(
                    s.running(),
                    s.dhcpd().pid().isPresent() ? s.dhcpd().pid().getAsLong() : null,
                    s.startedAt().map(Instant::toString).orElse(null),
                    s.running() ? s.dhcpd().uptime().toMillis() / 1000.0 : 0,
                    s.dhcpd().restarts(),
                    s.crashLoop(),
                    s.lastExit().map(LastExit::of).orElse(null));
        }
    }

    record LastExit(String kind, Integer exitCode, String at, double ranSeconds, String detail) {

        static LastExit of(DhcpdExit exit) {
            return new LastExit(
                    exit.kind().name(),
                    exit.exitCode().isPresent() ? exit.exitCode().getAsInt() : null,
                    exit.at().toString(),
                    exit.ranFor().toMillis() / 1000.0,
                    exit.detail());
        }
    }

    record Failover(
            String localState,
            Integer localStateCode,
            String partnerState,
            Integer partnerStateCode,
            String error) {

        static Failover of(FailoverReading reading) {
            if (reading.status().isEmpty()) {
                return new Failover(null, null, null, null, reading.error().orElse("no reading"));
            }
            FailoverStatus s = reading.status().get();
            return new Failover(
                    s.local().label(),
                    s.local().code(),
                    s.partner().label(),
                    s.partner().code(),
                    null);
        }
    }

    record Probe(
            boolean ready,
            String result,
            Double latencyMillis,
            String at,
            String path,
            @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {

        /** No reading of the current dhcpd run yet (one is being taken). */
        static final Probe NONE = new Probe(false, null, null, null, null, null);

        static Probe of(ProbeReading r) {
            String detail =
                    r.outcome() instanceof ProbeOutcome.NotReady notReady
                            ? notReady.detail()
                            : null;
            return new Probe(
                    r.ready(),
                    r.result(),
                    Math.round(r.latencyMillis() * 100) / 100.0,
                    r.at().toString(),
                    r.path(),
                    detail);
        }
    }

    /** {@code inPlace}: start dhcpd again on what it runs (re-pair); absent = false. */
    record RestartRequest(String expectedConfigHash, Boolean inPlace) {

        boolean restartInPlace() {
            return Boolean.TRUE.equals(inPlace);
        }
    }

    record NotRestarted(boolean restarted, String runningConfigHash) {}

    record Restarted(boolean restarted, String runningConfigHash, long pid, long durationMillis) {}

    record FileError(String file, Integer line, String message) {}

    /** RFC 9457 problem detail, with the extension members some problems carry. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(
            String type,
            String title,
            int status,
            String detail,
            String expectedConfigHash,
            String mountedConfigHash,
            String runningConfigHash,
            List<FileError> errors) {

        static final String TYPE_BASE = "https://netbox-dhcpd.npflan.dk/problems/";

        static Problem of(int status, String slug, String title, String detail) {
            return new Problem(TYPE_BASE + slug, title, status, detail, null, null, null, null);
        }
    }
}
