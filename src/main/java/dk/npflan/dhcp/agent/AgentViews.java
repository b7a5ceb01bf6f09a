package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.dhcpd.FailoverHealth;
import dk.npflan.dhcp.omapi.FailoverStatus;
import dk.npflan.dhcp.peer.AgentApi;
import dk.npflan.dhcp.probe.ProbeOutcome;
import java.time.Instant;

/**
 * Turns the agent's readings (watchdog, OMAPI, probe, partner lookup) into the bodies of its HTTP
 * contract, {@link AgentApi}. The contract itself knows none of these types, so the listener that
 * reads it does not either.
 */
public final class AgentViews {

    private AgentViews() {}

    static AgentApi.PartnerAddressView partnerAddress(PartnerAddress a) {
        return new AgentApi.PartnerAddressView(
                a.configured(),
                a.resolved().map(Object::toString).orElse(null),
                a.at().toString(),
                a.error().orElse(null));
    }

    static AgentApi.Dhcpd dhcpd(WatchdogStatus s) {
        return new AgentApi.Dhcpd(
                s.running(),
                s.dhcpd().pid().isPresent() ? s.dhcpd().pid().getAsLong() : null,
                s.startedAt().map(Instant::toString).orElse(null),
                s.running() ? s.dhcpd().uptime().toMillis() / 1000.0 : 0,
                s.dhcpd().restarts(),
                s.crashLoop(),
                s.lastExit().map(AgentViews::lastExit).orElse(null));
    }

    static AgentApi.LastExit lastExit(DhcpdExit exit) {
        return new AgentApi.LastExit(
                exit.kind().name(),
                exit.exitCode().isPresent() ? exit.exitCode().getAsInt() : null,
                exit.at().toString(),
                exit.ranFor().toMillis() / 1000.0,
                exit.detail());
    }

    static AgentApi.Failover failover(FailoverReading reading) {
        if (reading.status().isEmpty()) {
            return new AgentApi.Failover(
                    null, null, null, null, reading.error().orElse("no reading"));
        }
        FailoverStatus s = reading.status().get();
        return new AgentApi.Failover(
                s.local().label(), s.local().code(), s.partner().label(), s.partner().code(), null);
    }

    /** The neutral view of the same reading; null when there is none. */
    static AgentApi.Pair pair(FailoverReading reading) {
        return reading.status()
                .map(
                        s ->
                                new AgentApi.Pair(
                                        FailoverHealth.reading(s.local()),
                                        FailoverHealth.reading(s.partner())))
                .orElse(null);
    }

    public static AgentApi.Probe probe(ProbeReading r) {
        String detail =
                r.outcome() instanceof ProbeOutcome.NotReady notReady ? notReady.detail() : null;
        return new AgentApi.Probe(
                r.ready(),
                r.result(),
                Math.round(r.latencyMillis() * 100) / 100.0,
                r.at().toString(),
                r.path(),
                detail);
    }
}
