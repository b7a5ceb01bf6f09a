package dk.npflan.dhcp.probe;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * How probe packets reach dhcpd and how its replies come back. The send paths ({@link ProbePath})
 * differ only here; the exchange logic does not care which one it uses.
 */
public interface ProbeTransport extends Closeable {

    void send(byte[] packet) throws IOException;

    /** The next datagram, or empty when {@code wait} passes without one. */
    Optional<byte[]> receive(Duration wait) throws IOException;

    /** Which path this transport sends on, for the outcome. */
    ProbePath path();

    /** Human-readable description of the path, for output and errors. */
    String describe();
}
