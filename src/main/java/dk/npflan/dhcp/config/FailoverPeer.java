package dk.npflan.dhcp.config;

import java.util.Optional;

/**
 * The {@code failover peer "<name>" { … }} declaration as one role sees it. {@code mclt} and {@code
 * split} are rendered for the primary only (dhcpd rejects load-balance settings on a secondary).
 * {@code serverIdentifier}, when present, is rendered before the declaration in the same per-role
 * include, because it differs per role as well.
 */
public record FailoverPeer(
        String name,
        PeerRole role,
        String address,
        int port,
        String peerAddress,
        int peerPort,
        int maxResponseDelay,
        int maxUnackedUpdates,
        int loadBalanceMaxSeconds,
        int mclt,
        int split,
        Optional<Ipv4Address> serverIdentifier) {}
