package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.probe.ProbeOutcome;
import java.time.Instant;

/** One probe result and when it was taken, as {@code /ready} and {@code /state} show it. */
public record ProbeReading(ProbeOutcome outcome, Instant at) {

    public boolean ready() {
        return outcome instanceof ProbeOutcome.Ready;
    }

    /** {@code ACK} or the failure name ({@code TIMEOUT}, {@code NAK}, …). */
    public String result() {
        return outcome instanceof ProbeOutcome.NotReady notReady
                ? notReady.failure().name()
                : "ACK";
    }

    /**
     * The probe's send path ({@code AF_PACKET}, {@code UDP_BROADCAST}), null before one was chosen.
     */
    public String path() {
        return outcome.path().map(Enum::name).orElse(null);
    }

    public double latencyMillis() {
        return outcome.latency().toNanos() / 1e6;
    }
}
