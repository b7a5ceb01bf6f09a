package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.omapi.FailoverStatus;
import java.time.Instant;
import java.util.Optional;

/** The local dhcpd's failover state over OMAPI, or why it could not be read. */
public record FailoverReading(
        Optional<FailoverStatus> status, Optional<String> error, Instant at) {}
