package dk.npflan.dhcp.rollout;

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
        if (me == Phase.READY && other == Phase.READY) {
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
        int nudges;
        Runnable beforeRestart = () -> {};
        Runnable afterRestart = () -> {};

        private SimulatedPeer(PeerRole role, String hash) {
            this.role = role;
            this.running = hash;
            this.mounted = hash;
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
                if (unreachable) {
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
                        local,
                        partner,
                        probeReady,
                        Optional.of(probeReady ? "ACK" : "no answer"));
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
            beforeRestart.run();
            RestartResult result;
            synchronized (SimulatedPair.this) {
                advance();
                boolean partnerServing = serving(partnerOf(this));
                boolean normal = bothNormal();
                result = restartNow(expectedHash);
                restarts.add(new Restart(role, expectedHash, result, partnerServing, normal, tick));
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
            return new RestartResult.Restarted(expected, Duration.ofMillis(40));
        }
    }
}
