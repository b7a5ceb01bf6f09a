package dk.npflan.dhcp.rollout.local;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.omapi.FailoverState;
import dk.npflan.dhcp.rollout.AuditRecord;
import dk.npflan.dhcp.rollout.ClientLoad;
import dk.npflan.dhcp.rollout.DhcpdHealth;
import dk.npflan.dhcp.rollout.InProcessRolloutLock;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.Roller;
import dk.npflan.dhcp.rollout.RolloutAudit;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutStatus;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's node drain on real dhcpd: a peer recreated at a new address (its agent stopped, its
 * interface moved, its name re-resolving there, started again with its lease file) leaves the
 * partner's dhcpd holding the old address and rejecting it ({@code failover: listener: no matching
 * state}). Without an operator, the background check ({@link Roller#rePair()}, as {@code serve}
 * runs it) restarts the stale partner in place and the pair is normal again; a rollout that finds a
 * pair in that state re-pairs first. Clients through the relay fail no exchange meanwhile. Run
 * under the lab lock.
 */
@org.junit.jupiter.api.Tag("netns")
@org.junit.jupiter.api.Tag("slow")
class RePairRolloutTest {

    private static final LocalPair.Layout LAYOUT =
            new LocalPair.Layout(
                    "nbd-rp-",
                    Ipv4Network.of("198.18.86.0/24"),
                    Ipv4Network.of("198.18.87.0/27"),
                    Map.of(
                            "netbox-dhcpd.agent.ready-cache", "PT0.5S",
                            "netbox-dhcpd.agent.probe-timeout", "PT1S"),
                    LocalPair.Layout.AGENT_JVM,
                    Duration.ofSeconds(60));

    private static final Ipv4Network CLIENTS = Ipv4Network.of("198.18.85.0/24");
    private static final Duration RESTART_DEADLINE = Duration.ofSeconds(60);
    private static final Duration BACKGROUND_EVERY = Duration.ofSeconds(2);

    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();

    @Test
    void recreatedSecondary_backgroundCheckRePairsThePrimary_recreatedPrimary_rolloutRePairsFirst()
            throws Exception {
        try (LocalPair pair = LocalPair.create(LAYOUT)) {
            LocalTarget target = new LocalTarget(pair, 5, BundleFiles.NAMES);
            Ipv4Address relay = pair.addRelay(CLIENTS);
            target.publish(bundle(pair, 0), ZeroOutageScenario.metadata("first"));
            pair.startAgents();
            pair.awaitNormal(Duration.ofSeconds(120));
            Roller roller =
                    new Roller(
                            target,
                            new InProcessRolloutLock(),
                            audit::add,
                            ZeroOutageScenario.settings(RESTART_DEADLINE));
            Ipv4Address secondaryBefore = pair.address(PeerRole.SECONDARY);
            Ipv4Address primaryBefore = pair.address(PeerRole.PRIMARY);
            Ipv4Address secondaryAfter = LAYOUT.lan().host(12);
            Ipv4Address primaryAfter = LAYOUT.lan().host(11);
            assertThat(pair.agent(PeerRole.PRIMARY).state().partnerAddress())
                    .hasValue(secondaryBefore);

            // the relay forwards to each peer's old and new address, as a Service whose endpoint
            // moved: only the address a peer has answers
            ClientLoad load =
                    ClientLoad.start(
                            relay,
                            List.of(primaryBefore, secondaryBefore, secondaryAfter, primaryAfter),
                            Duration.ofMillis(200),
                            Duration.ofSeconds(10));
            try {
                Thread.sleep(3_000);

                // 1. node drain of the secondary; the serve-style background check heals it
                Instant recreated = Instant.now();
                pair.recreate(PeerRole.SECONDARY, secondaryAfter);
                PeerState stale = pair.agent(PeerRole.PRIMARY).state();
                System.out.println("primary right after the move: " + stale);
                assertThat(stale.partnerAddress()).hasValue(secondaryBefore);
                Duration healed = backgroundUntilNormal(pair, roller, recreated);
                System.out.println("secondary recreated → normal/normal in " + healed);
                assertThat(healed).isLessThan(RESTART_DEADLINE.multipliedBy(2));
                assertThat(pair.agent(PeerRole.PRIMARY).state().partnerAddress())
                        .hasValue(secondaryAfter);
                assertThat(pair.logs()).contains("no matching state");
                assertRePair(PeerRole.PRIMARY, secondaryBefore, secondaryAfter);

                // 2. node drain of the primary, then a config change: the rollout re-pairs first
                Thread.sleep(3_000);
                audit.clear();
                Instant primaryRecreated = Instant.now();
                pair.recreate(PeerRole.PRIMARY, primaryAfter);
                RolloutReport report =
                        roller.roll(bundle(pair, 1), ZeroOutageScenario.metadata("after a drain"));
                Duration rolled = Duration.between(primaryRecreated, Instant.now());
                System.out.println(report.summary());
                System.out.println("primary recreated → rollout completed in " + rolled);
                assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.COMPLETED);
                assertThat(steps())
                        .containsSubsequence(
                                "re-pair", "publish", "restart-secondary", "restart-primary");
                assertRePair(PeerRole.SECONDARY, primaryBefore, primaryAfter);
                assertThat(rolled).isLessThan(RESTART_DEADLINE.multipliedBy(2));

                Thread.sleep(3_000);
            } finally {
                ClientLoad.Summary summary = load.stop();
                load.close();
                System.out.println("client load through both drains: " + summary);
                summary.failures().forEach(f -> System.out.println("FAILED " + f));
                assertThat(summary.total()).isGreaterThan(40);
                assertThat(summary.failures()).isEmpty();
            }
        }
    }

    /**
     * {@code serve}'s scheduled pass, every {@link #BACKGROUND_EVERY}, until the pair is normal.
     */
    private Duration backgroundUntilNormal(LocalPair pair, Roller roller, Instant since)
            throws InterruptedException {
        Instant until = since.plus(RESTART_DEADLINE.multipliedBy(2));
        while (Instant.now().isBefore(until)) {
            RolloutReport pass = roller.rePair();
            if (!pass.steps().isEmpty()) {
                System.out.println("background check: " + pass.summary());
            }
            if (normal(pair)) {
                return Duration.between(since, Instant.now());
            }
            Thread.sleep(BACKGROUND_EVERY.toMillis());
        }
        throw new AssertionError("not normal within 2 × the gate timeout; " + pair.logs());
    }

    private static boolean normal(LocalPair pair) {
        for (PeerRole role : PeerRole.values()) {
            PeerState state = pair.agent(role).state();
            if (!state.localHealth().equals(Optional.of(DhcpdHealth.of(FailoverState.NORMAL)))
                    || !state.partnerHealth()
                            .equals(Optional.of(DhcpdHealth.of(FailoverState.NORMAL)))
                    || !state.probeReady()) {
                return false;
            }
        }
        return true;
    }

    private void assertRePair(PeerRole stale, Ipv4Address from, Ipv4Address to) {
        List<AuditRecord> rePairs =
                audit.stream()
                        .filter(r -> "re-pair".equals(r.data().get(RolloutAudit.STEP)))
                        .filter(r -> r.data().containsKey(RolloutAudit.OUTCOME))
                        .toList();
        assertThat(rePairs).hasSize(1);
        AuditRecord done = rePairs.get(0);
        assertThat(done.data())
                .containsEntry(RolloutAudit.OUTCOME, "done")
                .containsEntry(RolloutAudit.PEER, stale.keyword())
                .containsEntry(RolloutAudit.REASON, "re-paired")
                .containsEntry(RolloutAudit.RESTART_REASON, "partner-moved");
        assertThat((String) done.data().get(RolloutAudit.DETAIL))
                .startsWith("re-pair: partner moved from " + from + " to " + to);
    }

    private List<String> steps() {
        return audit.stream()
                .filter(r -> !r.type().equals(RolloutAudit.TYPE_STARTED))
                .map(r -> (String) r.data().get(RolloutAudit.STEP))
                .toList();
    }

    /** 20 /24 pools and the client subnet; {@code generation} makes each bundle differ. */
    private static RenderedConfig bundle(LocalPair pair, int generation) {
        List<Prefix> prefixes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            prefixes.add(ZeroOutageScenario.prefix(i + 1, "10.7." + i + ".0/24"));
        }
        prefixes.add(ZeroOutageScenario.prefix(100, CLIENTS.toString()));
        Map<String, String> settings = new HashMap<>(pair.configSettings());
        settings.put("netbox-dhcpd.config.failover.mclt", "30");
        settings.put(
                "netbox-dhcpd.config.global.default-lease-time", "PT" + (3600 + generation) + "S");
        ConfigBuild.Result build =
                ConfigBuild.from(prefixes, List.of(), TestSettings.dhcpd(settings));
        assertThat(build.errors()).isEmpty();
        return build.rendered();
    }
}
