package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.Ipv4Address;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Resolves a host name to one IPv4 address the way dhcpd does: through the C library's name service
 * ({@code /etc/hosts}, then DNS, as {@code nsswitch.conf} says), here by {@code getent ahostsv4}.
 * Not {@code InetAddress}: the JVM keeps its own cache of lookups, and a cached answer is exactly
 * what must not be reported as dhcpd's view after the partner moved.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * The first IPv4 address of {@code host}; throws {@link IOException} saying why there is none.
     */
    Ipv4Address resolve(String host) throws IOException;

    /** {@code getent ahostsv4 <host>}, bounded by {@code timeout}; a dotted quad is itself. */
    static HostResolver getent(Duration timeout) {
        return host -> {
            Optional<Ipv4Address> literal = Ipv4Address.parse(host);
            if (literal.isPresent()) {
                return literal.get();
            }
            Process process =
                    new ProcessBuilder("getent", "ahostsv4", host)
                            .redirectErrorStream(true)
                            .start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("lookup of " + host + " took longer than " + timeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException("interrupted while resolving " + host, e);
            }
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(
                        host + " does not resolve (getent exit " + process.exitValue() + ")");
            }
            // "198.18.92.2     STREAM nbd-local-s.test" per address and socket type
            for (String line : output.split("\n")) {
                String first = line.strip().split("\\s+")[0];
                Optional<Ipv4Address> address = Ipv4Address.parse(first);
                if (address.isPresent()) {
                    return address.get();
                }
            }
            throw new IOException(host + " has no IPv4 address");
        };
    }
}
