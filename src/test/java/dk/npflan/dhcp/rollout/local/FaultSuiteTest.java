package dk.npflan.dhcp.rollout.local;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.AuditRecord;
import dk.npflan.dhcp.rollout.ClientLoad;
import dk.npflan.dhcp.rollout.InProcessRolloutLock;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.Roller;
import dk.npflan.dhcp.rollout.RolloutAudit;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Faults a production pair meets, each injected at a step of a real rollout on real dhcpd in
 * network namespaces, with a client load through dhcrelay the whole time. After each, the roller
 * passes that {@code serve} would run on its own (a resync, the re-pair check) bring the pair back
 * to the new bundle on both peers, normal, without anything a person would do; no exchange of the
 * load fails (one peer can always answer). In CI each fault runs at one step (a diagonal); {@code
 * -Dfaults.matrix=full} runs every fault at every step (docs/benchmarks.md). Run under the lab
 * lock.
 */
@Tag("netns")
@Tag("slow")
@Tag("faults")
class FaultSuiteTest {

    private static final LocalPair.Layout LAYOUT =
            new LocalPair.Layout(
                    "nbd-fs-",
                    Ipv4Network.of("198.18.130.0/24"),
                    Ipv4Network.of("198.18.131.0/27"),
                    Map.of(
                            "netbox-dhcpd.agent.ready-cache", "PT0.5S",
                            "netbox-dhcpd.agent.probe-timeout", "PT1S"),
                    LocalPair.Layout.AGENT_JVM,
                    Duration.ofSeconds(60));

    private static final Ipv4Network CLIENTS = Ipv4Network.of("198.18.132.0/24");
    private static final Duration RESTART_DEADLINE = Duration.ofSeconds(60);
    private static final Duration CONVERGE_WITHIN = Duration.ofMinutes(4);
    private static final Duration EXCHANGE_DEADLINE = Duration.ofSeconds(10);
    private static final Duration LINK_CUT = Duration.ofSeconds(30);

    /**
     * The first rollout and at most two passes of serve's own (a rollback or halt, then the resync
     * that completes); more would mean the pair did not settle after the fault.
     */
    private static final int MAX_PASSES = 3;

    /**
     * Where in a rollout the fault strikes. The {@code APPLY_*} points fire on the restart step's
     * started record, which the roller writes before its pair-normal precondition (4a): the fault
     * hits a pair about to be restarted, and the step waits it out before restarting anything. The
     * {@code GATE_*} points fire once the peer of that step runs the new bundle, i.e. after its
     * restart, while the step's gate (4c) waits for normal/normal.
     */
    enum At {
        PUBLISH("publish", false, false),
        APPLY_SECONDARY("restart-secondary", true, false),
        GATE_SECONDARY("restart-secondary", true, true),
        APPLY_PRIMARY("restart-primary", true, false),
        GATE_PRIMARY("restart-primary", true, true);

        final String step;
        final boolean onStart;
        final boolean afterRestart;

        At(String step, boolean onStart, boolean afterRestart) {
            this.step = step;
            this.onStart = onStart;
            this.afterRestart = afterRestart;
        }

        boolean matches(AuditRecord record) {
            return step.equals(record.data().get(RolloutAudit.STEP))
                    && record.type().equals(RolloutAudit.TYPE_STARTED) == onStart;
        }

        /** The peer a fault at this step hits: the one being applied (the secondary at publish). */
        PeerRole peer() {
            return step.equals("restart-primary") ? PeerRole.PRIMARY : PeerRole.SECONDARY;
        }

        String label() {
            if (!onStart) {
                return step + " done";
            }
            return afterRestart ? step + " gate (4c)" : step + " started (4a)";
        }
    }

    enum Fault {
        /** The agent's container OOM-killed: agent and dhcpd SIGKILLed, started again after 2 s. */
        AGENT_KILLED,
        /** dhcpd SIGKILLed; its agent stays. */
        DHCPD_KILLED,
        /** The agent JVM alone SIGKILLed (dhcpd keeps running), started again after 2 s. */
        AGENT_JVM_KILLED,
        /** The peer cut off the LAN for 30 s (a partition: agent and failover both unreachable). */
        LINK_CUT,
        /**
         * The node restarted: both peers' containers killed at once, started again after 2 s. The
         * one fault where no peer is left to answer: the load's failures while both are down are
         * expected, and only those.
         */
        BOTH_KILLED
    }

    record Scenario(Fault fault, At at) {}

    record Row(
            Scenario scenario,
            RolloutStatus first,
            int passes,
            Duration converged,
            ClientLoad.Summary load) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | yes, %d pass(es) | %.1f s | %d / %d |",
                    scenario.fault().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    scenario.at().label(),
                    first.name().toLowerCase(Locale.ROOT),
                    passes,
                    converged.toMillis() / 1000.0,
                    load.failures().size(),
                    load.total());
        }
    }

    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    private volatile Injection injection;

    @Test
    void everyFault_atItsStep_convergesWithoutAnOperator_andNoClientFails() throws Exception {
        List<Scenario> scenarios = scenarios();
        List<Row> rows = new ArrayList<>();
        try (LocalPair pair = LocalPair.create(LAYOUT)) {
            LocalTarget target = new LocalTarget(pair, 5, BundleFiles.NAMES);
            Ipv4Address relay = pair.addRelay(CLIENTS);
            target.publish(bundle(pair, 0), metadata("first"));
            pair.startAgents();
            pair.awaitNormal(Duration.ofSeconds(120));
            Roller roller =
                    new Roller(
                            target,
                            new InProcessRolloutLock(),
                            this::record,
                            ZeroOutageScenario.settings(RESTART_DEADLINE));
            int generation = 0;
            for (Scenario scenario : scenarios) {
                rows.add(run(pair, roller, relay, scenario, bundle(pair, ++generation)));
            }
        } finally {
            System.out.println(
                    "| fault | at step | first rollout | converged | time | failed / exchanges |");
            rows.forEach(System.out::println);
        }
    }

    private Row run(
            LocalPair pair,
            Roller roller,
            Ipv4Address relay,
            Scenario scenario,
            RenderedConfig next)
            throws Exception {
        ClientLoad load =
                ClientLoad.start(
                        relay,
                        List.of(pair.address(PeerRole.PRIMARY), pair.address(PeerRole.SECONDARY)),
                        Duration.ofMillis(250),
                        EXCHANGE_DEADLINE);
        ClientLoad.Summary summary;
        RolloutReport first;
        Injection struck;
        int passes = 1;
        Instant start = Instant.now();
        try {
            audit.clear();
            injection = new Injection(scenario, pair, next.sha256());
            struck = injection;
            first = roller.roll(next, metadata(scenario.toString()));
            System.out.println(scenario + ": " + first.summary());
            injection.awaitDone();
            if (!injection.fired.get()) {
                // the agents' logs say why the rollout never reached the step (they go with the
                // pair)
                throw new AssertionError(
                        "the fault of "
                                + scenario
                                + " never fired: "
                                + first.summary()
                                + "\n"
                                + pair.logs());
            }
            RolloutReport last = first;
            // what serve does on its own: the re-pair check and a later reconcile of the same
            // render
            while (!onBoth(pair, next.sha256()) || !bothNormal(pair)) {
                assertThat(Duration.between(start, Instant.now()))
                        .as(scenario + " converges; last: " + last.summary() + "\n" + pair.logs())
                        .isLessThan(CONVERGE_WITHIN);
                Thread.sleep(3_000);
                roller.rePair();
                last = roller.roll(next, metadata("resync after " + scenario));
                passes++;
                System.out.println(scenario + " pass " + passes + ": " + last.summary());
            }
            assertThat(audit)
                    .as("the audit topic has the step the fault struck")
                    .anyMatch(r -> scenario.at().step.equals(r.data().get(RolloutAudit.STEP)));
        } finally {
            injection = null;
            summary = load.stop();
            load.close();
        }
        Row row =
                new Row(
                        scenario,
                        first.status(),
                        passes,
                        Duration.between(start, Instant.now()),
                        summary);
        System.out.println(row + " " + summary);
        if (Boolean.getBoolean("faults.logs")) {
            System.out.println(pair.logs());
        }
        List<ClientLoad.Exchange> noPeerToAnswer = List.of();
        if (scenario.fault() == Fault.BOTH_KILLED) {
            noPeerToAnswer = bothDown(summary, struck);
            System.out.println(
                    scenario + ": " + noPeerToAnswer.size() + " failed with both peers down");
        }
        summary.failures().forEach(f -> System.out.println("FAILED " + f));
        assertThat(summary.total()).isGreaterThan(10);
        assertThat(summary.failures())
                .as(scenario + ": failed that a peer could have answered")
                .isSubsetOf(noPeerToAnswer);
        assertThat(passes)
                .as(scenario + ": passes until converged")
                .isLessThanOrEqualTo(MAX_PASSES);
        if (first.status() == RolloutStatus.COMPLETED) {
            assertThat(passes).as(scenario + ": a completed rollout needs no resync").isEqualTo(1);
        }
        return row;
    }

    private void record(AuditRecord record) {
        audit.add(record);
        Injection pending = injection;
        if (pending != null) {
            pending.offer(record);
        }
    }

    /** One fault, fired once, off the roller's thread, at the first matching audit record. */
    private static final class Injection {
        final Scenario scenario;
        final LocalPair pair;
        final String hash;
        final AtomicBoolean fired = new AtomicBoolean();
        volatile long killedAtNanos;
        volatile long backNanos;
        volatile CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

        Injection(Scenario scenario, LocalPair pair, String hash) {
            this.scenario = scenario;
            this.pair = pair;
            this.hash = hash;
        }

        void offer(AuditRecord record) {
            if (scenario.at().matches(record) && fired.compareAndSet(false, true)) {
                done =
                        CompletableFuture.runAsync(
                                () -> {
                                    if (scenario.at().afterRestart) {
                                        awaitRestarted();
                                    }
                                    inject();
                                });
            }
        }

        /** Until the step's peer runs the new bundle: its restart took, the gate waits. */
        private void awaitRestarted() {
            PeerRole role = scenario.at().peer();
            Instant until = Instant.now().plus(RESTART_DEADLINE);
            while (!state(pair, role).flatMap(PeerState::runningHash).equals(Optional.of(hash))) {
                assertThat(Instant.now())
                        .as(role + " restarted onto the new bundle")
                        .isBefore(until);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void awaitDone() throws Exception {
            done.get();
        }

        private void inject() {
            PeerRole role = scenario.at().peer();
            String netns = pair.network().netns(role);
            try {
                System.out.println("fault: " + scenario + " on the " + role.keyword());
                switch (scenario.fault()) {
                    case AGENT_KILLED -> {
                        pair.agentProcess(role).ifPresent(a -> a.process().destroyForcibly());
                        PairNetwork.killProcessesIn(netns);
                        Thread.sleep(2_000);
                        pair.startAgent(role);
                        pair.awaitLive(role);
                    }
                    case DHCPD_KILLED -> killDhcpdIn(netns);
                    case AGENT_JVM_KILLED -> {
                        Process agent = pair.agentProcess(role).orElseThrow().process();
                        agent.destroyForcibly();
                        agent.waitFor();
                        Thread.sleep(2_000);
                        pair.startAgent(role);
                        pair.awaitLive(role);
                    }
                    case BOTH_KILLED -> {
                        killedAtNanos = System.nanoTime();
                        for (PeerRole peer : PeerRole.values()) {
                            pair.agentProcess(peer).ifPresent(a -> a.process().destroyForcibly());
                            PairNetwork.killProcessesIn(pair.network().netns(peer));
                        }
                        Thread.sleep(2_000);
                        for (PeerRole peer : PeerRole.values()) {
                            pair.startAgent(peer);
                        }
                        for (PeerRole peer : PeerRole.values()) {
                            pair.awaitLive(peer);
                        }
                        Instant until = Instant.now().plus(RESTART_DEADLINE);
                        while (!bothNormal(pair) && Instant.now().isBefore(until)) {
                            Thread.sleep(100);
                        }
                        backNanos = System.nanoTime();
                    }
                    case LINK_CUT -> {
                        // the bridge's leg, not the peer's interface: an admin-down interface
                        // loses its routes (the relay's), which a partition does not take away
                        String lan = LAYOUT.prefix() + "lan";
                        String leg = pair.network().interfaceName(role) + "b";
                        HostCommand.require("ip", "-n", lan, "link", "set", leg, "down");
                        Thread.sleep(LINK_CUT.toMillis());
                        HostCommand.require("ip", "-n", lan, "link", "set", leg, "up");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The exchanges that failed while no peer could answer: in flight at the kill or started after
     * it, until both peers were back in normal with a probe lease. Prints how long clients went
     * without an answer: from the kill to the first lease after it.
     */
    static List<ClientLoad.Exchange> bothDown(ClientLoad.Summary summary, Injection struck) {
        long firstLease =
                summary.exchanges().stream()
                        .filter(e -> !e.failed() && e.startedNanos() >= struck.killedAtNanos)
                        .mapToLong(e -> e.startedNanos() + e.took().orElseThrow().toNanos())
                        .min()
                        .orElseThrow(() -> new AssertionError("no lease after both were killed"));
        System.out.printf(
                Locale.ROOT,
                "both peers killed: first lease after %.1f s, both normal again after %.1f s%n",
                (firstLease - struck.killedAtNanos) / 1e9,
                (struck.backNanos - struck.killedAtNanos) / 1e9);
        long inFlight = struck.killedAtNanos - EXCHANGE_DEADLINE.toNanos();
        return summary.failures().stream()
                .filter(e -> e.startedNanos() > inFlight && e.startedNanos() < struck.backNanos)
                .toList();
    }

    private static void killDhcpdIn(String netns) {
        for (String pid : HostCommand.run("ip", "netns", "pids", netns).output().split("\\s+")) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid))
                        .filter(p -> p.info().command().orElse("").endsWith("/dhcpd"))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /**
     * CI: each fault once, at a different step; {@code -Dfaults.matrix=full}: every pair; {@code
     * -Dfaults.matrix=DHCPD_KILLED@APPLY_PRIMARY,DHCPD_KILLED@GATE_PRIMARY}: those rows, in order.
     */
    private static List<Scenario> scenarios() {
        String matrix = System.getProperty("faults.matrix", "");
        if (matrix.contains("@")) {
            List<Scenario> rows = new ArrayList<>();
            for (String row : matrix.split(",")) {
                String[] parts = row.trim().split("@");
                rows.add(new Scenario(Fault.valueOf(parts[0]), At.valueOf(parts[1])));
            }
            return rows;
        }
        if ("full".equals(matrix)) {
            List<Scenario> all = new ArrayList<>();
            for (Fault fault : Fault.values()) {
                for (At at : At.values()) {
                    all.add(new Scenario(fault, at));
                }
            }
            return all;
        }
        return List.of(
                new Scenario(Fault.AGENT_KILLED, At.APPLY_SECONDARY),
                new Scenario(Fault.DHCPD_KILLED, At.APPLY_PRIMARY),
                new Scenario(Fault.LINK_CUT, At.PUBLISH));
    }

    private static boolean onBoth(LocalPair pair, String hash) {
        for (PeerRole role : PeerRole.values()) {
            Optional<String> running = state(pair, role).flatMap(PeerState::runningHash);
            if (!running.equals(Optional.of(hash))) {
                return false;
            }
        }
        return true;
    }

    private static boolean bothNormal(LocalPair pair) {
        for (PeerRole role : PeerRole.values()) {
            Optional<PeerState> state = state(pair, role);
            if (state.isEmpty() || !state.get().bothNormal() || !state.get().probeReady()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<PeerState> state(LocalPair pair, PeerRole role) {
        try {
            return Optional.of(pair.agent(role).state());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** 20 /24 pools and the client subnet; {@code generation} makes each bundle differ. */
    private static RenderedConfig bundle(LocalPair pair, int generation) {
        return new PairBundles(pair)
                .bundle(
                        20,
                        List.of(CLIENTS),
                        Map.of(
                                "netbox-dhcpd.config.failover.mclt",
                                "30",
                                "netbox-dhcpd.config.global.default-lease-time",
                                "PT" + (3600 + generation) + "S"));
    }

    private static PublishMetadata metadata(String why) {
        return new PublishMetadata(Instant.now(), List.of(why));
    }
}
