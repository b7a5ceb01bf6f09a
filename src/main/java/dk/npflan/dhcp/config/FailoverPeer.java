package dk.npflan.dhcp.config;

/**
 * The {@code failover peer "<name>" { … }} declaration as one role sees it. {@code mclt} and {@code
 * split} are rendered for the primary only (dhcpd rejects load-balance settings on a secondary).
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
        int split) {}
