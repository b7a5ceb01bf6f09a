package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.omapi.OmapiKey;
import dk.npflan.dhcp.omapi.OmapiTimeouts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /state} during a dhcpd start at 10,000 pools: dhcpd has bound its OMAPI port (the kernel
 * completes the connection) but answers only once it has loaded its leases, tens of seconds later.
 * Here a port that accepts and never answers stands in for it.
 */
class FailoverReaderTest {

    private ServerSocket silent;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting =
                new Thread(
                        () -> {
                            try {
                                while (true) {
                                    held.add(silent.accept());
                                }
                            } catch (IOException e) {
                                // closed
                            }
                        });
        accepting.setDaemon(true);
        accepting.start();
    }

    @AfterEach
    void close() throws IOException {
        silent.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void readWithin_aDhcpdThatDoesNotAnswerYet_isUnknownAfterThePatience_notAfterOmapisDeadline() {
        // OMAPI's own deadline far beyond the patience: only readWithin's bound can end the wait
        FailoverReader reader =
                reader(new OmapiTimeouts(Duration.ofSeconds(3), Duration.ofMinutes(5)));

        FailoverReading reading = reader.readWithin(Duration.ofMillis(200));

        assertThat(reading.status()).isEmpty();
        assertThat(reading.error())
                .hasValueSatisfying(
                        e -> assertThat(e).startsWith("dhcpd did not answer OMAPI within 200 ms"));
        // a second caller joins the read still running instead of queueing behind it
        assertThat(reader.readWithin(Duration.ofMillis(200)).error())
                .hasValueSatisfying(e -> assertThat(e).contains("within 200 ms"));
    }

    @Test
    void readWithin_aReadThatEnds_givesItsOwnOutcome() throws IOException {
        silent.close(); // nothing listens: the connection is refused at once
        FailoverReader reader = reader(OmapiTimeouts.DEFAULT);

        FailoverReading reading = reader.readWithin(Duration.ofSeconds(30));

        assertThat(reading.status()).isEmpty();
        assertThat(reading.error()).hasValueSatisfying(e -> assertThat(e).doesNotContain("within"));
    }

    private FailoverReader reader(OmapiTimeouts timeouts) {
        OmapiKey key = new OmapiKey("k", "0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        return new FailoverReader(
                "127.0.0.1",
                silent.getLocalPort(),
                () -> key,
                timeouts,
                "failover-partner",
                new SecretRedactor(),
                Clock.systemUTC());
    }
}
