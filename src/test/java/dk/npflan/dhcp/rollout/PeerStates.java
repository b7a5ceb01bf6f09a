package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.omapi.FailoverState;
import dk.npflan.dhcp.peer.HealthReading;
import java.time.Instant;
import java.util.Optional;

/** Builds peer states and pair observations for the condition tables. */
final class PeerStates {

    static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

    private PeerStates() {}

    /** A healthy peer on {@code hash}: running and mounted, normal/normal, probe ready. */
    static PeerState healthy(PeerRole role, String hash) {
        return new PeerState(
                role,
                Optional.of(hash),
                Optional.of(hash),
                true,
                false,
                0,
                Optional.of(DhcpdHealth.of(FailoverState.NORMAL)),
                Optional.of(DhcpdHealth.of(FailoverState.NORMAL)),
                true,
                Optional.of("ACK"),
                Optional.of(Ipv4Address.of(role == PeerRole.PRIMARY ? "10.0.0.1" : "10.0.0.2")),
                Optional.of(Ipv4Address.of(role == PeerRole.PRIMARY ? "10.0.0.2" : "10.0.0.1")));
    }

    /** The peer is at {@code address} and holds {@code partner} for its partner. */
    static PeerState withAddresses(PeerState s, String address, String partner) {
        Copy c = new Copy(s);
        c.address = Optional.ofNullable(address).map(Ipv4Address::of);
        c.partnerAddress = Optional.ofNullable(partner).map(Ipv4Address::of);
        return c.build();
    }

    static PeerState withMounted(PeerState s, String hash) {
        Copy c = new Copy(s);
        c.mounted = Optional.ofNullable(hash);
        return c.build();
    }

    static PeerState withRunning(PeerState s, String hash) {
        Copy c = new Copy(s);
        c.running = Optional.ofNullable(hash);
        return c.build();
    }

    static PeerState withFailover(PeerState s, FailoverState local, FailoverState partner) {
        Copy c = new Copy(s);
        c.local = Optional.ofNullable(local).map(DhcpdHealth::of);
        c.partner = Optional.ofNullable(partner).map(DhcpdHealth::of);
        return c.build();
    }

    static PeerState withProcess(PeerState s, boolean running, boolean crashLoop, boolean probe) {
        Copy c = new Copy(s);
        c.serverRunning = running;
        c.crashLoop = crashLoop;
        c.probeReady = probe;
        return c.build();
    }

    /** A mutable copy of a state, changed field by field. */
    private static final class Copy {
        private final PeerState from;
        Optional<String> running;
        Optional<String> mounted;
        boolean serverRunning;
        boolean crashLoop;
        Optional<HealthReading> local;
        Optional<HealthReading> partner;
        boolean probeReady;
        Optional<Ipv4Address> address;
        Optional<Ipv4Address> partnerAddress;

        Copy(PeerState from) {
            this.from = from;
            running = from.runningHash();
            mounted = from.mountedHash();
            serverRunning = from.serverRunning();
            crashLoop = from.crashLoop();
            local = from.localHealth();
            partner = from.partnerHealth();
            probeReady = from.probeReady();
            address = from.address();
            partnerAddress = from.partnerAddress();
        }

        PeerState build() {
            return new PeerState(
                    from.role(),
                    running,
                    mounted,
                    serverRunning,
                    crashLoop,
                    from.restarts(),
                    local,
                    partner,
                    probeReady,
                    from.probeDetail(),
                    address,
                    partnerAddress);
        }
    }

    static PairObservation pair(PeerState primary, PeerState secondary) {
        return new PairObservation(
                new PeerObservation.Seen(primary), new PeerObservation.Seen(secondary), AT);
    }

    static PairObservation secondaryUnreachable(PeerState primary) {
        return new PairObservation(
                new PeerObservation.Seen(primary),
                new PeerObservation.Unreachable(PeerRole.SECONDARY, "connection refused"),
                AT);
    }
}
