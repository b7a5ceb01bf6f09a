package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.omapi.FailoverStatus;
import dk.npflan.dhcp.omapi.OmapiClient;
import dk.npflan.dhcp.omapi.OmapiException;
import dk.npflan.dhcp.omapi.OmapiKey;
import dk.npflan.dhcp.omapi.OmapiTimeouts;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the local dhcpd's failover state over OMAPI for {@code /state}, {@code /ready} and the
 * failover gauges. A reading is reused for a short time so a scrape and a {@code /state} poll in
 * the same instant cost one OMAPI round trip; the key is read from the mounted Secret every time.
 * {@code /state} waits for OMAPI only {@link #readWithin briefly}: a dhcpd that loads millions of
 * leases at its start accepts the connection but answers only when it serves.
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
    private final Object launching = new Object();
    private Future<FailoverReading> pending;
    private final ExecutorService background =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "agent-omapi-read");
                        t.setDaemon(true);
                        return t;
                    });

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

    /**
     * {@link #read}, but waiting at most {@code patience} for dhcpd's answer; a read that takes
     * longer goes on in the background (one at a time) and a later call takes its result. Until
     * then the state is unknown, never a reading from before.
     */
    public FailoverReading readWithin(Duration patience) {
        FailoverReading cached = last;
        if (cached != null && clock.instant().isBefore(cached.at().plus(REUSE))) {
            return cached;
        }
        Future<FailoverReading> reading;
        synchronized (launching) {
            if (pending == null || pending.isDone()) {
                pending = background.submit(this::read);
            }
            reading = pending;
        }
        try {
            return reading.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return unknown(
                    "dhcpd did not answer OMAPI within "
                            + patience.toMillis()
                            + " ms (busy, e.g. loading its leases at its start)");
        } catch (ExecutionException e) {
            return unknown(redactor.redact(String.valueOf(e.getCause())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown("interrupted");
        }
    }

    private FailoverReading unknown(String why) {
        return new FailoverReading(Optional.empty(), Optional.of(why), clock.instant());
    }

    public String peerName() {
        return peerName;
    }
}
