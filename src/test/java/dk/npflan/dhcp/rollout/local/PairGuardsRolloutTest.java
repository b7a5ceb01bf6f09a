package dk.npflan.dhcp.rollout.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.peer.PeerHealth;
import dk.npflan.dhcp.pipeline.ReconcileGuards;
import dk.npflan.dhcp.pipeline.RollerRollout;
import dk.npflan.dhcp.pipeline.RolloutRequest;
import dk.npflan.dhcp.pipeline.RolloutResult;
import dk.npflan.dhcp.pipeline.RolloutStepTiming;
import dk.npflan.dhcp.rollout.AuditRecord;
import dk.npflan.dhcp.rollout.ClientLoad;
import dk.npflan.dhcp.rollout.HeldBundle;
import dk.npflan.dhcp.rollout.InProcessRolloutLock;
import dk.npflan.dhcp.rollout.PeerUnreachableException;
import dk.npflan.dhcp.rollout.RestartResult;
import dk.npflan.dhcp.rollout.Roller;
import dk.npflan.dhcp.rollout.RolloutAudit;
import dk.npflan.dhcp.rollout.RolloutControlStore;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutStatus;
import dk.npflan.dhcp.rollout.RolloutStep;
import dk.npflan.dhcp.rollout.StepReason;
import dk.npflan.dhcp.rollout.StepReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 21's guards of the roller on real dhcpd, each under a client load through the relay: a pair
 * in communications-interrupted is not restarted into (the rollout waits, then goes on
 * secondary-first once the failover link is back); a bundle that rolled back is not rolled out
 * again by the next resync (the pipeline's failure memory), a different one is; one failed {@code
 * /state} of the primary during a repair does not skip the secondary's gate. No client exchange
 * fails in any of them (one peer can always answer). One pair for the class; each scenario starts
 * and ends with it normal on one bundle. Run under the lab lock.
 */
@Tag("netns")
@Tag("dhcpd")
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairGuardsRolloutTest {

    private static final Ipv4Network LAN = Ipv4Network.of("198.18.140.0/24");
    private static final Duration GATE_DEADLINE = Duration.ofSeconds(60);

    /**
     * Once the link is back, dhcpd's reconnect under way gets through at its next SYN, which TCP
     * resends after 1, 3, 7, 15, 31, 63 s: up to about half a minute after a cut this long.
     */
    private static final Duration RECONNECT_DEADLINE = Duration.ofSeconds(150);

    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    private volatile Consumer<AuditRecord> onRecord = r -> {};
    private LabPair lab;
    private int generation;

    @BeforeAll
    void startPair() {
        lab =
                LabPair.start(
                        "nbd-pg-",
                        LAN,
                        Ipv4Network.of("198.18.141.0/27"),
                        // a /22: in communications-interrupted each peer leases only from its own
                        // free share, and a minute and a half of new clients drains a /24's
                        Ipv4Network.of("198.18.144.0/22"));
    }

    @AfterAll
    void closePair() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void healthyPair() {
        audit.clear();
        onRecord = r -> {};
        lab.pair().awaitNormal(LabPair.PAIR_UP);
        // whatever a failed scenario before left: both peers on the published bundle, recorded
        RolloutReport repaired = roller(GATE_DEADLINE).repair("before-the-scenario");
        assertThat(repaired.status())
                .as(repaired.summary())
                .isIn(RolloutStatus.SKIPPED, RolloutStatus.COMPLETED, RolloutStatus.ROLLED_BACK);
        audit.clear();
    }

    @Test
    void pairInCommunicationsInterrupted_isNotRestarted_untilTheLinkIsBack_thenSecondaryFirst()
            throws Exception {
        RenderedConfig next = lab.bundle(++generation, Map.of());
        String before = publishedHash();
        underLoad(
                "communications-interrupted",
                () -> {
                    try {
                        cutFailoverLink(true);
                        awaitBoth(PeerHealth.PARTNER_UNREACHABLE);
                        Map<PeerRole, Integer> restarts = lab.restarts();

                        RolloutReport waited =
                                roller(Duration.ofSeconds(15)).roll(next, metadata("while cut"));
                        System.out.println(waited.summary());
                        assertThat(waited.status())
                                .as(waited.summary())
                                .isEqualTo(RolloutStatus.RETRY_LATER);
                        StepReport stop = waited.failure().orElseThrow();
                        assertThat(stop.step()).isEqualTo(RolloutStep.RESTART_SECONDARY);
                        assertThat(stop.outcome().reason()).isEqualTo(StepReason.PAIR_NOT_NORMAL);
                        assertThat(lab.restarts()).as("nothing restarted").isEqualTo(restarts);
                        assertRunning(before);
                        assertThat(audit)
                                .anySatisfy(
                                        r ->
                                                assertThat(r.data())
                                                        .containsEntry(
                                                                RolloutAudit.STEP,
                                                                "restart-secondary")
                                                        .containsEntry(
                                                                RolloutAudit.REASON,
                                                                "pair-not-normal"));

                        // the next reconcile waits the same way, and goes on once the link is back
                        CompletableFuture<RolloutReport> resumed =
                                CompletableFuture.supplyAsync(
                                        () ->
                                                roller(RECONNECT_DEADLINE)
                                                        .roll(next, metadata("later")));
                        Thread.sleep(5_000);
                        assertThat(resumed).isNotDone();
                        assertThat(lab.restarts())
                                .as("still nothing restarted")
                                .isEqualTo(restarts);
                        cutFailoverLink(false);
                        Instant restored = Instant.now();
                        RolloutReport report = resumed.get(4, TimeUnit.MINUTES);
                        System.out.println(report.summary());
                        System.out.println(
                                "link restored → rollout completed in "
                                        + Duration.between(restored, Instant.now()));
                        assertCompletedSecondaryFirst(report);
                        assertRestartedSince(restarts, 1, 1);
                    } finally {
                        cutFailoverLink(false);
                    }
                });
        assertRunning(next.sha256());
    }

    @Test
    void bundleThatRolledBack_isNotRolledOutByTheNextResync_aDifferentOneIs() throws Exception {
        // passes dhcpd -t; the secondary listens for a primary at an address nobody has, so it
        // turns the real primary away ("no matching state") and never gets normal
        RenderedConfig broken =
                lab.bundle(
                        ++generation,
                        Map.of(
                                "netbox-dhcpd.config.failover.primary.peer-address",
                                LAN.host(99).toString()));
        RenderedConfig fixed = lab.bundle(++generation, Map.of());
        String before = publishedHash();
        RolloutControlStore control = RolloutControlStore.inMemory();
        RollerRollout rollout =
                new RollerRollout(roller(Duration.ofSeconds(30)), lab.target(), control);
        underLoad(
                "held bundle",
                () -> {
                    Map<PeerRole, Integer> restarts = lab.restarts();
                    RolloutResult first = rollout.rollOut(request(broken, "resync-1", control));
                    System.out.println("first: " + first.label() + " " + first.steps());
                    assertThat(first).isInstanceOf(RolloutResult.RolledBack.class);
                    assertThat(((RolloutResult.RolledBack) first).restoredHash()).isEqualTo(before);
                    Map<PeerRole, Integer> afterFirst = lab.restarts();
                    assertThat(afterFirst.get(PeerRole.PRIMARY))
                            .as("the primary was never touched")
                            .isEqualTo(restarts.get(PeerRole.PRIMARY));
                    assertThat(afterFirst.get(PeerRole.SECONDARY))
                            .as("onto the bundle, and back")
                            .isEqualTo(restarts.get(PeerRole.SECONDARY) + 2);
                    HeldBundle held = control.read().held().orElseThrow();
                    assertThat(held.hash()).isEqualTo(broken.sha256());
                    assertThat(held.cause()).isEqualTo(HeldBundle.Cause.ROLLED_BACK);
                    lab.pair().awaitNormal(LabPair.PAIR_UP);

                    RolloutResult again = rollout.rollOut(request(broken, "resync-2", control));
                    System.out.println("same bundle again: " + again.label() + " " + again.steps());
                    assertThat(again).isInstanceOf(RolloutResult.RetryLater.class);
                    assertThat(((RolloutResult.RetryLater) again).stop().text()).contains("held");
                    assertThat(again.steps())
                            .extracting(RolloutStepTiming::name)
                            .containsExactly("lock", "admit");
                    assertThat(lab.restarts()).as("nothing restarted").isEqualTo(afterFirst);
                    assertThat(publishedHash()).isEqualTo(before);
                    assertRunning(before);

                    RolloutResult other = rollout.rollOut(request(fixed, "resync-3", control));
                    System.out.println("different bundle: " + other.label() + " " + other.steps());
                    assertThat(other).isInstanceOf(RolloutResult.Completed.class);
                    assertThat(control.read().held()).as("released").isEmpty();
                    assertRestartedSince(afterFirst, 1, 1);
                });
        assertRunning(fixed.sha256());
    }

    @Test
    void oneFailedStateOfThePrimaryDuringRepair_doesNotSkipTheSecondarysGate() throws Exception {
        RenderedConfig next = lab.bundle(++generation, Map.of());
        String before = publishedHash();
        assertThat(lab.target().lastGood().orElseThrow().hash()).isEqualTo(before);
        underLoad(
                "one failed /state in repair",
                () -> {
                    // a rollout that died in the secondary's gate: published, the secondary on it
                    lab.target().publish(next, metadata("died in the gate"));
                    assertThat(lab.pair().agent(PeerRole.SECONDARY).restart(next.sha256()))
                            .isInstanceOf(RestartResult.Restarted.class);
                    lab.pair().awaitNormal(LabPair.PAIR_UP);
                    Map<PeerRole, Integer> restarts = lab.restarts();

                    // the primary's agent freezes (a GC pause, a blip) as step 4 takes its first
                    // poll: that /state times out, dhcpd keeps serving
                    Freeze freeze = new Freeze(lab.pair(), PeerRole.PRIMARY);
                    onRecord =
                            r -> {
                                if (r.type().equals(RolloutAudit.TYPE_STARTED)
                                        && "restart-secondary"
                                                .equals(r.data().get(RolloutAudit.STEP))) {
                                    freeze.once();
                                }
                            };
                    RolloutReport report = roller(GATE_DEADLINE).repair("repair-after-a-crash");
                    System.out.println(report.summary());
                    freeze.awaitThawed();
                    assertThat(freeze.stateFailed()).as("the primary's /state failed").isTrue();
                    assertCompletedSecondaryFirst(report);
                    StepReport secondary =
                            ZeroOutageScenario.step(report, RolloutStep.RESTART_SECONDARY);
                    assertThat(secondary.outcome().detail())
                            .as("the secondary's gate ran")
                            .contains("gate passed")
                            .doesNotContain("the primary's restart comes next");
                    assertRestartedSince(restarts, 1, 0);
                });
        assertRunning(next.sha256());
    }

    // ---- the pieces ----

    private interface Scenario {
        void run() throws Exception;
    }

    /** Runs {@code scenario} under the client load; prints its line; no exchange may fail. */
    private void underLoad(String name, Scenario scenario) throws Exception {
        ClientLoad load = lab.load();
        Instant start = Instant.now();
        ClientLoad.Summary summary;
        try {
            Thread.sleep(3_000);
            scenario.run();
            Thread.sleep(3_000);
        } finally {
            summary = load.stop();
            load.close();
            System.out.printf(
                    "%s: %d exchanges, %d failed, %.1f s (%s)%n",
                    name,
                    summary.total(),
                    summary.failures().size(),
                    Duration.between(start, Instant.now()).toMillis() / 1000.0,
                    summary);
            summary.failures().forEach(f -> System.out.println("FAILED " + f));
            printLogsOf(summary.failures());
        }
        assertThat(summary.total()).isGreaterThan(20);
        assertThat(summary.failures()).as(name).isEmpty();
    }

    /** What the peers' logs say about the addresses of failed exchanges, by log file. */
    private void printLogsOf(List<ClientLoad.Exchange> failures) {
        List<String> addresses =
                failures.stream().flatMap(f -> f.address().stream()).map(a -> a + " ").toList();
        String file = "";
        for (String line : lab.pair().logs().split("\n")) {
            if (line.startsWith("--- ")) {
                file = line.substring(line.lastIndexOf('/') + 1);
            } else if (addresses.stream().anyMatch((line + " ")::contains)
                    || line.contains("no free leases")) {
                System.out.println("LOG " + file + ": " + line);
            }
        }
    }

    private Roller roller(Duration restartDeadline) {
        return new Roller(
                lab.target(),
                new InProcessRolloutLock(),
                this::record,
                ZeroOutageScenario.settings(restartDeadline));
    }

    private void record(AuditRecord record) {
        audit.add(record);
        onRecord.accept(record);
    }

    private static RolloutRequest request(
            RenderedConfig bundle, String reconcileId, RolloutControlStore control) {
        return new RolloutRequest(
                bundle,
                Instant.now(),
                List.of(reconcileId),
                reconcileId,
                ReconcileGuards.of(control));
    }

    private static dk.npflan.dhcp.rollout.PublishMetadata metadata(String why) {
        return ZeroOutageScenario.metadata(why);
    }

    private String publishedHash() {
        return lab.target().published().orElseThrow().hash();
    }

    private void assertRunning(String hash) {
        for (PeerRole role : PeerRole.values()) {
            assertThat(lab.state(role).runningHash()).as(role.keyword() + " runs").hasValue(hash);
        }
    }

    /** Each agent restarted its dhcpd this many times since {@code before}. */
    private void assertRestartedSince(Map<PeerRole, Integer> before, int primary, int secondary) {
        assertThat(lab.restarts())
                .as("dhcpd restarts since " + before)
                .isEqualTo(
                        Map.of(
                                PeerRole.PRIMARY,
                                before.get(PeerRole.PRIMARY) + primary,
                                PeerRole.SECONDARY,
                                before.get(PeerRole.SECONDARY) + secondary));
    }

    private static void assertCompletedSecondaryFirst(RolloutReport report) {
        assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.COMPLETED);
        StepReport secondary = ZeroOutageScenario.step(report, RolloutStep.RESTART_SECONDARY);
        StepReport primary = ZeroOutageScenario.step(report, RolloutStep.RESTART_PRIMARY);
        assertThat(secondary.startedAt().plus(secondary.took())).isBefore(primary.startedAt());
    }

    /**
     * A partition of the failover link only, in the LAN's bridge: each peer's bridge leg drops what
     * the other peer sends it, so agents, clients and relays still reach both. The drop is silent,
     * as a dead switch port's: dhcpd sees its link go quiet (max-response-delay), and its reconnect
     * stays in progress (TCP resends the SYN) and connects once the link is back. A drop the sender
     * sees instead (a {@code prohibit} route) fails the connect at once, and dhcpd tries again only
     * after 90 s. iptables and tc's drop action are not installed here; an htb class whose queue
     * holds nothing (pfifo limit 0) drops every packet its u32 filter sends there.
     */
    private void cutFailoverLink(boolean cut) {
        String lanNetns = lab.pair().network().prefix() + "lan";
        for (PeerRole role : PeerRole.values()) {
            PeerRole other = role == PeerRole.PRIMARY ? PeerRole.SECONDARY : PeerRole.PRIMARY;
            String leg = lab.pair().network().interfaceName(role) + "b";
            if (!cut) {
                HostCommand.run(
                        "ip", "netns", "exec", lanNetns, "tc", "qdisc", "del", "dev", leg, "root");
                continue;
            }
            tc(
                    lanNetns, "qdisc", "replace", "dev", leg, "root", "handle", "1:", "htb",
                    "default", "1");
            for (String classid : List.of("1:1", "1:2")) {
                tc(
                        lanNetns, "class", "add", "dev", leg, "parent", "1:", "classid", classid,
                        "htb", "rate", "1gbit", "quantum", "1514");
            }
            tc(lanNetns, "qdisc", "add", "dev", leg, "parent", "1:2", "pfifo", "limit", "0");
            tc(
                    lanNetns,
                    "filter",
                    "add",
                    "dev",
                    leg,
                    "parent",
                    "1:",
                    "protocol",
                    "ip",
                    "prio",
                    "1",
                    "u32",
                    "match",
                    "ip",
                    "src",
                    lab.pair().address(other) + "/32",
                    "flowid",
                    "1:2");
        }
    }

    private static void tc(String netns, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", netns, "tc"));
        command.addAll(List.of(args));
        HostCommand.require(command.toArray(String[]::new));
    }

    /** Waits until both peers report {@code health} for themselves. */
    private void awaitBoth(PeerHealth health) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            if (lab.state(PeerRole.PRIMARY).localIs(health)
                    && lab.state(PeerRole.SECONDARY).localIs(health)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "not both "
                        + health
                        + ": "
                        + lab.state(PeerRole.PRIMARY).failoverText()
                        + ", "
                        + lab.state(PeerRole.SECONDARY).failoverText());
    }

    /**
     * Freezes one agent's JVM (SIGSTOP, its dhcpd untouched) until a {@code /state} of its own has
     * run into the agent client's timeout (5 s, {@link LocalPair}), and a second longer: the
     * roller's poll under way fails the same way, the one after it is answered.
     */
    private static final class Freeze {
        private final LocalPair pair;
        private final PeerRole role;
        private final AtomicBoolean fired = new AtomicBoolean();
        private final AtomicBoolean stateFailed = new AtomicBoolean();
        private volatile CompletableFuture<Void> thawed = CompletableFuture.completedFuture(null);

        Freeze(LocalPair pair, PeerRole role) {
            this.pair = pair;
            this.role = role;
        }

        void once() {
            if (!fired.compareAndSet(false, true)) {
                return;
            }
            String pid = Long.toString(pair.agentProcess(role).orElseThrow().process().pid());
            HostCommand.require("kill", "-STOP", pid);
            thawed =
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    assertThatThrownBy(() -> pair.agent(role).state())
                                            .isInstanceOf(PeerUnreachableException.class);
                                    stateFailed.set(true);
                                    // the poll under way failed as ours did; the next one answers
                                    Thread.sleep(1_000);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                } finally {
                                    HostCommand.require("kill", "-CONT", pid);
                                }
                            });
        }

        void awaitThawed() throws Exception {
            assertThat(fired.get()).as("the freeze fired").isTrue();
            thawed.get(1, TimeUnit.MINUTES);
        }

        boolean stateFailed() {
            return stateFailed.get();
        }
    }
}
