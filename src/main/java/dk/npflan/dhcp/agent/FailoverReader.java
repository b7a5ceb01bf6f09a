package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.omapi.FailoverStatus;
import dk.npflan.dhcp.omapi.OmapiClient;
import dk.npflan.dhcp.omapi.OmapiException;
import dk.npflan.dhcp.omapi.OmapiKey;
import dk.npflan.dhcp.omapi.OmapiTimeouts;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the local dhcpd's failover state over OMAPI for {@code /state}, {@code /ready} and the
 * failover gauges. A reading is reused for a short time so a scrape and a {@code /state} poll in
 * the same instant cost one OMAPI round trip; the key is read from the mounted Secret every time.
 */
public final class FailoverReader {

    /** Short enough that a rollout polling {@code /state} sees a transition almost at once. */
    static final Duration REUSE = Duration.ofMillis(250);

    private final String host;
    private final int port;
    private final DhcpdWatchdog.KeySource key;
    private final OmapiTimeouts timeouts;
    private final String peerName;
    private final SecretRedactor redactor;
    private final Clock clock;
    private volatile FailoverReading last;

    public FailoverReader(
            String host,
            int port,
            DhcpdWatchdog.KeySource key,
            OmapiTimeouts timeouts,
            String peerName,
            SecretRedactor redactor,
            Clock clock) {
        this.host = host;
        this.port = port;
        this.key = key;
        this.timeouts = timeouts;
        this.peerName = peerName;
        this.redactor = redactor;
        this.clock = clock;
    }

    public synchronized FailoverReading read() {
        FailoverReading cached = last;
        if (cached != null && clock.instant().isBefore(cached.at().plus(REUSE))) {
            return cached;
        }
        FailoverReading reading;
        try {
            OmapiKey omapiKey = key.read();
            FailoverStatus status =
                    OmapiClient.readFailoverState(host, port, omapiKey, timeouts, peerName);
            reading = new FailoverReading(Optional.of(status), Optional.empty(), clock.instant());
        } catch (OmapiException e) {
            reading =
                    new FailoverReading(
                            Optional.empty(),
                            Optional.of(redactor.redact(e.getMessage())),
                            clock.instant());
        }
        last = reading;
        return reading;
    }

    public String peerName() {
        return peerName;
    }
}
