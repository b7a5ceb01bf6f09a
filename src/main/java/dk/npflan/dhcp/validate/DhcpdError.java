package dk.npflan.dhcp.validate;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The first error {@code dhcpd -t} printed, split into file (our logical file name, such as
 * {@code dhcpd.conf} or {@code dhcpd.failover.secondary}), line and message. Some dhcpd errors carry no
 * file or line (e.g. {@code bad range …}, failover sanity errors); then both are empty.
 */
public record DhcpdError(Optional<String> file, OptionalInt line, String message) {

    @Override
    public String toString() {
        return file.map(f -> f + (line.isPresent() ? " line " + line.getAsInt() : "") + ": ").orElse("") + message;
    }
}
