package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.omapi.FailoverState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tiny simulated failover pair behind two fake agents. Time is counted in agent calls ("ticks"):
 * a restarted peer is in startup for a few ticks, then both peers are communications-interrupted
 * for a few more, then both normal, as measured on real dhcpd. Per peer and hash a {@link
 * Behaviour} scripts failures. A published bundle reaches each peer's mount after a delay, sooner
 * after a nudge. Every real restart is recorded with what the partner looked like at that moment.
 * Each peer has an address and holds its partner's as of its last start, as dhcpd does: after
 * {@link #move} the pair cannot link (both communications-interrupted) until the peer holding the
 * old address is restarted.
 */
final class SimulatedPair {

    /** What a peer does when started on a given hash. */
    enum Behaviour {
        OK,
        REJECT,
        START_FAIL,
        NEVER_NORMAL,
        RECOVER_WAIT,
        CRASH_LOOP
    }

    /** One restart call that really restarted dhcpd (or tried to). */
    record Restart(
            PeerRole role,
            String hash,
            RestartResult result,
            boolean partnerServing,
            boolean bothNormal,
            long tick) {}

    private enum Phase {
        DOWN,
        STARTUP,
        RECOVER_WAIT,
        SETTLING,
        STUCK,
        READY
    }

    private static final Set<FailoverState> SERVING =
            EnumSet.of(
                    FailoverState.NORMAL,
                    FailoverState.COMMUNICATIONS_INTERRUPTED,
                    FailoverState.PARTNER_DOWN);

    int startupTicks = 3;
    int settleTicks = 3;
    int propagationTicks = 60;
    int nudgedTicks = 4;

    /** The failover link between the peers is cut: both serve, communications-interrupted. */
    boolean partitioned;

    private long tick;
    private final SimulatedPeer primary;
    private final SimulatedPeer secondary;
    private final List<Restart> restarts = new ArrayList<>();

    SimulatedPair(String runningHash) {
        primary = new SimulatedPeer(PeerRole.PRIMARY, runningHash);
        secondary = new SimulatedPeer(PeerRole.SECONDARY, runningHash);
    }

    SimulatedPeer peer(PeerRole role) {
        return role == PeerRole.PRIMARY ? primary : secondary;
    }

    SimulatedPeer primary() {
        return primary;
    }

    SimulatedPeer secondary() {
        return secondary;
    }

    synchronized List<Restart> restarts() {
        return List.copyOf(restarts);
    }

    /** Restarts that really happened (dhcpd stopped), in order. */
    synchronized List<Restart> realRestarts() {
        return restarts.stream()
                .filter(
                        r ->
                                r.result() instanceof RestartResult.Restarted
                                        || r.result() instanceof RestartResult.StartFailed)
                .toList();
    }

    /**
     * The peer is recreated at {@code address} (a node drain): it starts again there, holding its
     * partner's current address, while the partner keeps holding the old one.
     */
    synchronized void move(PeerRole role, Ipv4Address address) {
        SimulatedPeer moved = peer(role);
        moved.address = address;
        moved.restartCount++;
        moved.restartedAt = tick;
        moved.holdPartner();
    }

    /** Both peers hold each other's current address: the failover link can form. */
    private boolean linked() {
        return !partitioned
                && primary.partnerHeld.equals(secondary.address)
                && secondary.partnerHeld.equals(primary.address);
    }

    /** The platform starts projecting {@code hash} to both peers' mounts. */
    synchronized void project(String hash) {
        for (SimulatedPeer peer : List.of(primary, secondary)) {
            peer.pending = hash;
            peer.mountAt = tick + propagationTicks;
        }
    }

    private void advance() {
        tick++;
        for (SimulatedPeer peer : List.of(primary, secondary)) {
            if (peer.pending != null && !peer.neverMounts && tick >= peer.mountAt) {
                peer.mounted = peer.pending;
                peer.pending = null;
            }
        }
    }

    private SimulatedPeer partnerOf(SimulatedPeer peer) {
        return peer == primary ? secondary : primary;
    }

    private Phase phase(SimulatedPeer peer) {
        if (!peer.up || peer.behaviour() == Behaviour.CRASH_LOOP) {
            return Phase.DOWN;
        }
        if (peer.behaviour() == Behaviour.RECOVER_WAIT) {
            return Phase.RECOVER_WAIT;
        }
        long age = tick - peer.restartedAt;
        if (age < startupTicks) {
            return Phase.STARTUP;
        }
        if (peer.behaviour() == Behaviour.NEVER_NORMAL) {
            return Phase.STUCK;
        }
        return age < startupTicks + settleTicks ? Phase.SETTLING : Phase.READY;
    }

    private Optional<FailoverState> local(SimulatedPeer peer) {
        Phase me = phase(peer);
        Phase other = phase(partnerOf(peer));
        switch (me) {
            case DOWN:
                return Optional.empty();
            case STARTUP:
                return Optional.of(FailoverState.STARTUP);
            case RECOVER_WAIT:
                return Optional.of(FailoverState.RECOVER_WAIT);
            default:
                break;
        }
        if (other == Phase.RECOVER_WAIT) {
            return Optional.of(FailoverState.PARTNER_DOWN);
        }
        if (me == Phase.READY && other == Phase.READY && linked()) {
            return Optional.of(FailoverState.NORMAL);
        }
        return Optional.of(FailoverState.COMMUNICATIONS_INTERRUPTED);
    }

    private boolean serving(SimulatedPeer peer) {
        return local(peer).filter(SERVING::contains).isPresent();
    }

    private boolean bothNormal() {
        return local(primary).equals(Optional.of(FailoverState.NORMAL))
                && local(secondary).equals(Optional.of(FailoverState.NORMAL));
    }

    /** One fake agent. */
    final class SimulatedPeer implements Peer {

        private final PeerRole role;
        private final Map<String, Behaviour> script = new HashMap<>();
        private String running;
        private String mounted;
        private boolean up = true;
        private long restartedAt = -1000;
        private int restartCount;
        private String pending;
        private long mountAt;
        boolean neverMounts;
        boolean unreachable;

        /** This many next {@code /state} calls fail (a lost answer, an apiserver hiccup). */
        int failingStates;

        int nudges;
        Runnable beforeRestart = () -> {};
        Runnable afterRestart = () -> {};

        private Ipv4Address address;
        private Ipv4Address partnerHeld;

        private SimulatedPeer(PeerRole role, String hash) {
            this.role = role;
            this.running = hash;
            this.mounted = hash;
            this.address = Ipv4Address.of(role == PeerRole.PRIMARY ? "10.0.0.1" : "10.0.0.2");
            this.partnerHeld = Ipv4Address.of(role == PeerRole.PRIMARY ? "10.0.0.2" : "10.0.0.1");
        }

        /** The partner's name still resolves to where it was (DNS behind the move). */
        boolean nameLags;

        /** dhcpd (re)started: it resolves its partner's address now. */
        private void holdPartner() {
            if (!nameLags) {
                partnerHeld = partnerOf(this).address;
            }
        }

        /** Scripts what happens when this peer is started on {@code hash}. */
        SimulatedPeer on(String hash, Behaviour behaviour) {
            script.put(hash, behaviour);
            return this;
        }

        boolean misbehavesOn(String hash) {
            return script.getOrDefault(hash, Behaviour.OK) != Behaviour.OK;
        }

        synchronized Optional<String> running() {
            return Optional.ofNullable(running);
        }

        private Behaviour behaviour() {
            return running == null ? Behaviour.OK : script.getOrDefault(running, Behaviour.OK);
        }

        @Override
        public PeerRole role() {
            return role;
        }

        @Override
        public PeerState state() {
            synchronized (SimulatedPair.this) {
                advance();
                if (unreachable || failingStates > 0) {
                    failingStates = Math.max(0, failingStates - 1);
                    throw new PeerUnreachableException("connect to agent: connection refused");
                }
                Optional<FailoverState> local = local(this);
                Optional<FailoverState> partner =
                        local.isEmpty()
                                ? Optional.empty()
                                : Optional.of(
                                        local(partnerOf(this)).orElse(FailoverState.UNKNOWN_STATE));
                boolean crashLoop = up && behaviour() == Behaviour.CRASH_LOOP;
                boolean probeReady = local.filter(SERVING::contains).isPresent();
                return new PeerState(
                        role,
                        Optional.ofNullable(running),
                        Optional.ofNullable(mounted),
                        up && !crashLoop,
                        crashLoop,
                        restartCount,
                        local.map(DhcpdHealth::of),
                        partner.map(DhcpdHealth::of),
                        probeReady,
                        Optional.of(probeReady ? "ACK" : "no answer"),
                        Optional.of(address),
                        up ? Optional.of(partnerHeld) : Optional.empty());
            }
        }

        @Override
        public void nudge(String hash) {
            synchronized (SimulatedPair.this) {
                if (unreachable) {
                    throw new PeerUnreachableException("connect to agent: connection refused");
                }
                nudges++;
                if (hash.equals(pending)) {
                    mountAt = Math.min(mountAt, tick + nudgedTicks);
                }
            }
        }

        @Override
        public RestartResult restart(String expectedHash) {
            return recorded(expectedHash, () -> restartNow(expectedHash));
        }

        /** Runs one restart call, recording it with what the partner looked like. */
        private RestartResult recorded(
                String hash, java.util.function.Supplier<RestartResult> call) {
            beforeRestart.run();
            RestartResult result;
            synchronized (SimulatedPair.this) {
                advance();
                boolean partnerServing = serving(partnerOf(this));
                boolean normal = bothNormal();
                result = call.get();
                restarts.add(new Restart(role, hash, result, partnerServing, normal, tick));
            }
            afterRestart.run();
            return result;
        }

        private RestartResult restartNow(String expected) {
            if (unreachable) {
                return new RestartResult.Unreachable("connect to agent: connection refused");
            }
            if (!expected.equals(mounted)) {
                return new RestartResult.HashMismatch(mounted);
            }
            if (up && expected.equals(running) && behaviour() != Behaviour.CRASH_LOOP) {
                return new RestartResult.AlreadyRunning(running);
            }
            Behaviour behaviour = script.getOrDefault(expected, Behaviour.OK);
            if (behaviour == Behaviour.REJECT) {
                return new RestartResult.ConfigInvalid(
                        List.of("dhcpd.conf line 12: subnet 10.1.2.0 netmask 255.255.255.0: bad"));
            }
            restartCount++;
            if (behaviour == Behaviour.START_FAIL) {
                up = false;
                running = null;
                return new RestartResult.StartFailed("dhcpd exited at once (rc 1)");
            }
            up = true;
            running = expected;
            restartedAt = tick;
            holdPartner();
            return new RestartResult.Restarted(expected, Duration.ofMillis(40));
        }

        @Override
        public RestartResult restartInPlace(String runningHash) {
            return recorded(runningHash, () -> inPlaceNow(runningHash));
        }

        private RestartResult inPlaceNow(String runningHash) {
            if (unreachable) {
                return new RestartResult.Unreachable("connect to agent: connection refused");
            }
            if (!up || !runningHash.equals(running)) {
                return new RestartResult.HashMismatch(up ? running : null);
            }
            restartCount++;
            restartedAt = tick;
            holdPartner();
            return new RestartResult.Restarted(runningHash, Duration.ofMillis(40));
        }
    }
}
