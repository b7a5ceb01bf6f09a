package dk.npflan.dhcp.kea.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.kea.control.KeaHaState;
import dk.npflan.dhcp.kea.control.RunningConfig;
import dk.npflan.dhcp.peer.AgentApi;
import dk.npflan.dhcp.peer.PeerHealth;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.RestartResult;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Kea agents run a real Kea 2.2 HA pair (hot-standby, 1 s heartbeat) on {@code lo} ({@link
 * KeaAgentLab}), driven through the listener's own {@code AgentClient}, in order: start on the
 * mounted bundle, the refusals (409, identical, 422), an apply to the standby then the primary with
 * the partner's takeover ended, the subnet metrics, readiness, and a crash.
 */
@Tag("kea")
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeaAgentPairTest {

    private static final Duration PAIR_UP = Duration.ofSeconds(60);

    private KeaAgentLab lab;
    private RenderedConfig seed;

    @BeforeAll
    void startPair(@TempDir Path dir) throws Exception {
        lab = new KeaAgentLab(dir);
        seed = lab.render(lab.model);
        lab.mount(seed);
        lab.start(PeerRole.SECONDARY);
        lab.start(PeerRole.PRIMARY);
    }

    @AfterAll
    void stopPair() {
        if (lab != null) {
            lab.close();
        }
    }

    private void awaitBothHotStandby() {
        await().atMost(PAIR_UP)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> {
                            for (PeerRole role : PeerRole.values()) {
                                PeerState state = lab.client(role).state();
                                assertThat(state.bothNormal())
                                        .as(role + " " + state.failoverText())
                                        .isTrue();
                            }
                        });
    }

    @Test
    @Order(1)
    void bothAgentsStartKeaOnTheMountedFile_stateShowsTheHashAndBothPeersHotStandby()
            throws Exception {
        awaitBothHotStandby();

        for (PeerRole role : PeerRole.values()) {
            AgentApi.State state =
                    KeaAgentLab.JSON.readValue(
                            lab.get(role, "/state").body(), AgentApi.State.class);
            assertThat(state.backend()).isEqualTo("kea");
            assertThat(state.role()).isEqualTo(role.keyword());
            assertThat(state.runningConfigHash()).isEqualTo(seed.sha256());
            assertThat(state.mountedConfigHash()).isEqualTo(seed.sha256());
            assertThat(state.dhcpd().running()).isTrue();
            assertThat(state.dhcpd().pid())
                    .isEqualTo(lab.kea(role).statusGet().pid())
                    .as("the pid of the kea-dhcp4 on this peer's socket");
            assertThat(state.daemons())
                    .extracting(AgentApi.Daemon::name, AgentApi.Daemon::running)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("kea-dhcp4", true),
                            org.assertj.core.groups.Tuple.tuple("kea-ctrl-agent", true));
            assertThat(state.pair().local().raw()).isEqualTo("hot-standby");
            assertThat(state.pair().partner().raw()).isEqualTo("hot-standby");
            assertThat(state.pair().local().health()).isEqualTo(PeerHealth.NORMAL);
            HttpResponse<String> live = lab.get(role, "/live");
            assertThat(live.statusCode()).isEqualTo(200);
        }
        assertThat(lab.kea(PeerRole.PRIMARY).haHeartbeat().scopes()).containsExactly("primary");
        assertThat(lab.kea(PeerRole.SECONDARY).haHeartbeat().scopes()).isEmpty();
    }

    @Test
    @Order(2)
    void expectedHashNotMounted_is409WithTheMountedHash_andNothingIsApplied() {
        RestartResult result = lab.client(PeerRole.SECONDARY).restart("0".repeat(64));

        assertThat(result).isEqualTo(new RestartResult.HashMismatch(seed.sha256()));
    }

    @Test
    @Order(3)
    void runningHashAgain_isNotApplied_thePeerNeverLeavesHotStandby() throws Exception {
        RestartResult result = lab.client(PeerRole.PRIMARY).restart(seed.sha256());

        assertThat(result).isEqualTo(new RestartResult.AlreadyRunning(seed.sha256()));
        assertThat(lab.kea(PeerRole.PRIMARY).haHeartbeat().state())
                .as("an identical config-set would have sent it to waiting")
                .isEqualTo(KeaHaState.HOT_STANDBY);
    }

    @Test
    @Order(4)
    void bundleKeaRejects_refusedByConfigSetWithoutTheAgentsOwnCheck_is422_oldConfigServes()
            throws Exception {
        // apply.offline-check is off (the default): no kea-dhcp4 -t on the agent, config-set
        // itself refuses the duplicate subnet and keeps the old config, hooks included
        RenderedConfig invalid = KeaAgentLab.withDuplicateSubnet(seed);
        lab.mount(invalid);
        int subnetsBefore = lab.kea(PeerRole.SECONDARY).configGet().subnets().size();
        try {
            RestartResult result = lab.client(PeerRole.SECONDARY).restart(invalid.sha256());

            assertThat(result).isInstanceOf(RestartResult.ConfigInvalid.class);
            assertThat(((RestartResult.ConfigInvalid) result).errors())
                    .singleElement()
                    .asString()
                    .startsWith("kea-dhcp4.secondary.json:")
                    .contains("already exists");
            PeerState state = lab.client(PeerRole.SECONDARY).state();
            assertThat(state.runningHash()).hasValue(seed.sha256());
            assertThat(state.mountedHash()).hasValue(invalid.sha256());
            assertThat(lab.kea(PeerRole.SECONDARY).configGet().subnets()).hasSize(subnetsBefore);
            assertThat(lab.kea(PeerRole.SECONDARY).haHeartbeat().state())
                    .isEqualTo(KeaHaState.HOT_STANDBY);
        } finally {
            lab.mount(seed);
        }
    }

    @Test
    @Order(4)
    void bundleNamingAHookLibraryThisPeerLacks_is422_configSetNeverSent_haStillLoaded()
            throws Exception {
        RenderedConfig missing =
                KeaAgentLab.withHaLibrary(seed, "/nonexistent/kea/hooks/libdhcp_ha.so");
        lab.mount(missing);
        try {
            RestartResult result = lab.client(PeerRole.SECONDARY).restart(missing.sha256());

            assertThat(result).isInstanceOf(RestartResult.ConfigInvalid.class);
            assertThat(((RestartResult.ConfigInvalid) result).errors())
                    .singleElement()
                    .asString()
                    .contains("no hook library /nonexistent/kea/hooks/libdhcp_ha.so");
            assertThat(lab.client(PeerRole.SECONDARY).state().runningHash())
                    .hasValue(seed.sha256());
            assertThat(lab.kea(PeerRole.SECONDARY).haHeartbeat().state())
                    .as("the HA hook is still loaded: config-set would have unloaded it")
                    .isEqualTo(KeaHaState.HOT_STANDBY);
        } finally {
            lab.mount(seed);
        }
    }

    @Test
    @Order(5)
    void changedBundle_standbyThenPrimary_bothRunIt_bothHotStandby_takeoverEnded()
            throws Exception {
        RenderedConfig changed = lab.render(lab.withoutLastSubnet());
        String removed =
                lab.model.subnets().get(lab.model.subnets().size() - 1).network().toString();
        lab.mount(changed);
        long primaryPid = lab.kea(PeerRole.PRIMARY).statusGet().pid();

        RestartResult standby = lab.client(PeerRole.SECONDARY).restart(changed.sha256());

        assertThat(standby).isInstanceOf(RestartResult.Restarted.class);
        assertThat(((RestartResult.Restarted) standby).runningHash()).isEqualTo(changed.sha256());
        assertThat(lab.client(PeerRole.SECONDARY).state().bothNormal()).isTrue();

        RestartResult primary = lab.client(PeerRole.PRIMARY).restart(changed.sha256());

        assertThat(primary).isInstanceOf(RestartResult.Restarted.class);
        assertThat(lab.client(PeerRole.PRIMARY).state().bothNormal())
                .as("the primary's answer waited until it saw its partner normal")
                .isTrue();
        awaitBothHotStandby();
        for (PeerRole role : PeerRole.values()) {
            PeerState state = lab.client(role).state();
            assertThat(state.runningHash()).as(role.keyword()).hasValue(changed.sha256());
            RunningConfig running = lab.kea(role).configGet();
            assertThat(running.subnet(removed)).as(role + " runs the new config").isEmpty();
            assertThat(running.subnets()).hasSize(subnetsAfterChange());
        }
        assertThat(lab.kea(PeerRole.SECONDARY).haHeartbeat().scopes())
                .as("the standby handed the primary's scope back")
                .isEmpty();
        assertThat(lab.kea(PeerRole.PRIMARY).haHeartbeat().scopes()).containsExactly("primary");
        assertThat(lab.kea(PeerRole.PRIMARY).statusGet().pid())
                .as("applied in place: kea-dhcp4 was reconfigured, not restarted")
                .isEqualTo(primaryPid);
        seed = changed;
    }

    @Test
    @Order(6)
    void metrics_showEachSubnetsPoolSizeAndAssignedCount_labelledByCidrAndNetBoxId()
            throws Exception {
        dk.npflan.dhcp.config.Subnet first = lab.model.subnets().get(0);
        String series =
                "dhcpd_subnet_size_addresses{netbox_id=\""
                        + first.source().id()
                        + "\",subnet=\""
                        + first.network()
                        + "\",}";
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(
                        () -> {
                            String metrics = lab.get(PeerRole.PRIMARY, "/metrics").body();
                            assertThat(metrics).contains(series);
                            assertThat(metrics)
                                    .contains("kea_dhcp4_up 1.0")
                                    .contains("kea_ctrl_agent_up 1.0")
                                    .containsPattern(
                                            "dhcpd_subnet_addresses\\{netbox_id=\""
                                                    + first.source().id()
                                                    + "\",state=\"assigned\",subnet=\"[^\"]+\",\\} 0.0");
                        });
        String metrics = lab.get(PeerRole.PRIMARY, "/metrics").body();
        long total =
                (long)
                        Double.parseDouble(
                                metrics.lines()
                                        .filter(l -> l.startsWith(series + " "))
                                        .findFirst()
                                        .orElseThrow()
                                        .substring(series.length() + 1));
        assertThat(total).as("the pools' addresses of " + first.network()).isPositive();
    }

    @Test
    @Order(7)
    void ready_theStandbyFollowsWithoutAProbe_thePrimaryNeedsAnAck() throws Exception {
        HttpResponse<String> standby = lab.get(PeerRole.SECONDARY, "/ready");
        HttpResponse<String> primary = lab.get(PeerRole.PRIMARY, "/ready");

        assertThat(standby.statusCode()).as(standby.body()).isEqualTo(200);
        assertThat(standby.body()).contains("answers no scope");
        assertThat(primary.statusCode())
                .as("kea-dhcp4 on lo opens no DHCP socket: the probe gets no answer")
                .isEqualTo(503);
        assertThat(primary.body()).contains("HA scopes [primary]");
    }

    @Test
    @Order(8)
    void keaDhcp4KilledFromOutside_isStartedAgainOnTheAppliedConfig_pairNormalAgain()
            throws Exception {
        PeerState before = lab.client(PeerRole.SECONDARY).state();
        long pid = lab.kea(PeerRole.SECONDARY).statusGet().pid();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(PAIR_UP)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> {
                            PeerState state = lab.client(PeerRole.SECONDARY).state();
                            assertThat(state.restarts()).isEqualTo(before.restarts() + 1);
                            assertThat(state.serverRunning()).isTrue();
                            assertThat(state.bothNormal()).isTrue();
                        });
        assertThat(lab.kea(PeerRole.SECONDARY).statusGet().pid()).isNotEqualTo(pid);
        assertThat(lab.client(PeerRole.SECONDARY).state().runningHash()).hasValue(seed.sha256());
        assertThat(lab.kea(PeerRole.SECONDARY).configGet().subnets()).hasSize(subnetsAfterChange());
    }

    @Test
    @Order(9)
    void agentRestartedWhileANewerBundleIsMounted_bootsTheConfigItRan_notTheMountedOne()
            throws Exception {
        RenderedConfig newer = lab.render(lab.model);
        lab.mount(newer);

        lab.stop(PeerRole.SECONDARY);
        lab.start(PeerRole.SECONDARY);

        awaitBothHotStandby();
        PeerState state = lab.client(PeerRole.SECONDARY).state();
        assertThat(state.runningHash()).hasValue(seed.sha256());
        assertThat(state.mountedHash()).hasValue(newer.sha256());
        assertThat(lab.kea(PeerRole.SECONDARY).configGet().subnets()).hasSize(subnetsAfterChange());
        lab.mount(seed);
    }

    /** The changed config's subnet4: NetBox's subnets but one, the probe and server network. */
    private int subnetsAfterChange() {
        return lab.model.subnets().size() - 1 + 1 + (lab.model.serverNetwork().isPresent() ? 1 : 0);
    }
}
