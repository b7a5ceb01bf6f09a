package dk.npflan.dhcp.kea.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.peer.AgentApi;
import dk.npflan.dhcp.peer.PeerHealth;
import dk.npflan.dhcp.rollout.PeerState;
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
}
