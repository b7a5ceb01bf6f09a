package dk.npflan.dhcp.rollout.local;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.ClientLoad;
import dk.npflan.dhcp.rollout.InProcessRolloutLock;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.RestartResult;
import dk.npflan.dhcp.rollout.Roller;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's pod restart on real dhcpd: a new bundle is published (one bundle serves both roles)
 * and the secondary runs it, its gate pending; the primary's agent and dhcpd are then killed at
 * once (an OOM kill of its container) and, later, restarted by SIGTERM (an eviction after a halt).
 * Each time the primary comes back on the bundle it ran before, never the mounted one; only the
 * roller's own step moves it. Clients through the relay fail no exchange meanwhile (the secondary
 * serves while the primary is down). Run under the lab lock.
 */
@Tag("netns")
@Tag("slow")
class KeptBundleRolloutTest {

    private static final LocalPair.Layout LAYOUT =
            new LocalPair.Layout(
                    "nbd-kb-",
                    Ipv4Network.of("198.18.88.0/24"),
                    Ipv4Network.of("198.18.89.0/27"),
                    Map.of(
                            "netbox-dhcpd.agent.ready-cache", "PT0.5S",
                            "netbox-dhcpd.agent.probe-timeout", "PT1S"),
                    LocalPair.Layout.AGENT_JVM,
                    Duration.ofSeconds(60));

    private static final Ipv4Network CLIENTS = Ipv4Network.of("198.18.84.0/24");
    private static final Duration PAIR_UP = Duration.ofSeconds(120);

    @Test
    void primaryKilledDuringTheSecondarysGate_andRestartedAfterAHalt_comesBackOnItsOldBundle()
            throws Exception {
        try (LocalPair pair = LocalPair.create(LAYOUT)) {
            LocalTarget target = new LocalTarget(pair, 5, BundleFiles.NAMES);
            Ipv4Address relay = pair.addRelay(CLIENTS);
            PairBundles bundles = new PairBundles(pair);
            RenderedConfig old = bundle(bundles, 0);
            RenderedConfig next = bundle(bundles, 1);
            target.publish(old, metadata("first"));
            pair.startAgents();
            pair.awaitNormal(PAIR_UP);
            ClientLoad load =
                    ClientLoad.start(
                            relay,
                            List.of(
                                    pair.address(PeerRole.PRIMARY),
                                    pair.address(PeerRole.SECONDARY)),
                            Duration.ofMillis(200),
                            Duration.ofSeconds(10));
            try {
                Thread.sleep(3_000);

                // the roller's steps 2 and 4: published to both, the secondary moved, gate pending
                target.publish(next, metadata("next"));
                assertThat(pair.agent(PeerRole.SECONDARY).restart(next.sha256()))
                        .isInstanceOf(RestartResult.Restarted.class);

                // 1. OOM kill of the primary's container: agent and dhcpd at once
                ProcessHandle agent =
                        pair.agentProcess(PeerRole.PRIMARY).orElseThrow().process().toHandle();
                List<ProcessHandle> inside = agent.descendants().toList();
                agent.destroyForcibly();
                inside.forEach(ProcessHandle::destroyForcibly);
                agent.onExit().get();
                pair.stopAgent(PeerRole.PRIMARY);
                Thread.sleep(2_000);
                pair.startAgent(PeerRole.PRIMARY);
                pair.awaitLive(PeerRole.PRIMARY);
                assertRunsOldWhileNextIsMounted(pair, old, next);
                pair.awaitNormal(PAIR_UP);
                assertRunsOldWhileNextIsMounted(pair, old, next);

                // 2. the rollout halted here; an eviction restarts the primary's pod later
                Thread.sleep(3_000);
                pair.stopAgent(PeerRole.PRIMARY);
                pair.startAgent(PeerRole.PRIMARY);
                pair.awaitLive(PeerRole.PRIMARY);
                pair.awaitNormal(PAIR_UP);
                assertRunsOldWhileNextIsMounted(pair, old, next);

                // 3. only the roller's step moves it
                RolloutReport report =
                        new Roller(
                                        target,
                                        new InProcessRolloutLock(),
                                        r -> {},
                                        ZeroOutageScenario.settings(Duration.ofSeconds(60)))
                                .roll(next, metadata("resumed"));
                System.out.println(report.summary());
                assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.COMPLETED);
                assertThat(pair.agent(PeerRole.PRIMARY).state().runningHash())
                        .hasValue(next.sha256());
                Thread.sleep(3_000);
            } finally {
                ClientLoad.Summary summary = load.stop();
                load.close();
                System.out.println("client load through both primary restarts: " + summary);
                summary.failures().forEach(f -> System.out.println("FAILED " + f));
                assertThat(summary.total()).isGreaterThan(40);
                assertThat(summary.failures()).isEmpty();
            }
        }
    }

    private static void assertRunsOldWhileNextIsMounted(
            LocalPair pair, RenderedConfig old, RenderedConfig next) {
        PeerState primary = pair.agent(PeerRole.PRIMARY).state();
        assertThat(primary.runningHash()).as("the primary runs").hasValue(old.sha256());
        assertThat(primary.mountedHash()).as("the primary has mounted").hasValue(next.sha256());
    }

    /** 20 /24 pools and the client subnet; {@code generation} makes each bundle differ. */
    private static RenderedConfig bundle(PairBundles bundles, int generation) {
        return bundles.bundle(
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
