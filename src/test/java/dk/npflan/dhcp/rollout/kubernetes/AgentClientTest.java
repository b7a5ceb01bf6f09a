package dk.npflan.dhcp.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.omapi.FailoverState;
import dk.npflan.dhcp.peer.HealthReading;
import dk.npflan.dhcp.peer.PeerHealth;
import dk.npflan.dhcp.rollout.DhcpdHealth;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.PeerUnreachableException;
import dk.npflan.dhcp.rollout.RestartResult;
import dk.npflan.dhcp.rollout.agent.AgentClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentClientTest {

    @TempDir Path dir;

    private final RenderedConfig bundle = TestBundles.small("agent client");
    private final List<FakeAgent.Restart> log = FakeAgent.newLog();
    private final List<String> nudges = new ArrayList<>();
    private FakeAgent agent;
    private Path tokenFile;

    @BeforeEach
    void mountBundleAndStartAgent() throws IOException {
        Path mount = Files.createDirectories(dir.resolve("mount"));
        for (var file : bundle.files().entrySet()) {
            Files.writeString(mount.resolve(file.getKey()), file.getValue());
        }
        tokenFile = Files.writeString(dir.resolve("token"), DhcpdPair.TOKEN + "\n");
        agent = new FakeAgent(PeerRole.SECONDARY, mount, DhcpdPair.TOKEN, log);
    }

    @AfterEach
    void stopAgent() {
        agent.close();
    }

    private AgentClient client(int port, Optional<Path> token, Duration timeout) {
        return new AgentClient(
                PeerRole.SECONDARY,
                () -> URI.create("http://127.0.0.1:" + port),
                token,
                new AgentClient.Timeouts(timeout, timeout),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                nudges::add);
    }

    private AgentClient client() {
        return client(agent.port(), Optional.of(tokenFile), Duration.ofSeconds(5));
    }

    @Test
    void state_mapsHashesDhcpdFailoverAndProbe() {
        PeerState state = client().state();

        assertThat(state.role()).isEqualTo(PeerRole.SECONDARY);
        assertThat(state.runningHash()).contains(bundle.sha256());
        assertThat(state.mountedHash()).contains(bundle.sha256());
        assertThat(state.serverRunning()).isTrue();
        assertThat(state.crashLoop()).isFalse();
        assertThat(state.localHealth()).contains(DhcpdHealth.of(FailoverState.NORMAL));
        assertThat(state.partnerHealth()).contains(DhcpdHealth.of(FailoverState.NORMAL));
        assertThat(state.probeReady()).isTrue();
        assertThat(state.probeDetail()).contains("ACK in 3.5 ms via AF_PACKET");
    }

    @Test
    void state_agentWithoutDhcpdOrOmapi_mapsNullsToEmpty() throws IOException {
        String body =
                "{\"role\":\"secondary\",\"runningConfigHash\":null,\"mountedConfigHash\":null,"
                        + "\"dhcpd\":{\"running\":false,\"pid\":null,\"restarts\":5,"
                        + "\"crashLoop\":true,\"lastExit\":null},"
                        + "\"failover\":{\"localState\":null,\"localStateCode\":null,"
                        + "\"partnerState\":null,\"partnerStateCode\":null,"
                        + "\"error\":\"connection refused\"},"
                        + "\"probe\":{\"ready\":false,\"result\":null,\"latencyMillis\":null,"
                        + "\"at\":null,\"path\":\"AF_PACKET\"}}";
        HttpServer broken = serveState(body);
        try {
            PeerState state =
                    client(broken.getAddress().getPort(), Optional.empty(), Duration.ofSeconds(5))
                            .state();

            assertThat(state.runningHash()).isEmpty();
            assertThat(state.mountedHash()).isEmpty();
            assertThat(state.serverRunning()).isFalse();
            assertThat(state.crashLoop()).isTrue();
            assertThat(state.restarts()).isEqualTo(5);
            assertThat(state.localHealth()).isEmpty();
            assertThat(state.partnerHealth()).isEmpty();
            assertThat(state.probeReady()).isFalse();
            assertThat(state.probeDetail()).contains("no result via AF_PACKET");
            assertThat(state.address()).hasValue(Ipv4Address.of("127.0.0.1"));
            assertThat(state.partnerAddress()).as("no partnerAddress reported").isEmpty();
        } finally {
            broken.stop(0);
        }
    }

    @Test
    void state_healthValueThisListenerDoesNotKnow_readsAsUnknown_serversWordKept()
            throws IOException {
        String body =
                "{\"role\":\"secondary\",\"dhcpd\":{\"running\":true},"
                        + "\"pair\":{\"local\":{\"health\":\"IN_MAINTENANCE\","
                        + "\"raw\":\"in-maintenance\"},"
                        + "\"partner\":{\"health\":\"PARTNER_UNREACHABLE\","
                        + "\"raw\":\"communication-recovery\"}},\"newerField\":1}";
        HttpServer newer = serveState(body);
        try {
            PeerState state =
                    client(newer.getAddress().getPort(), Optional.empty(), Duration.ofSeconds(5))
                            .state();

            assertThat(state.localHealth())
                    .contains(new HealthReading(PeerHealth.UNKNOWN, "in-maintenance"));
            assertThat(state.partnerHealth())
                    .contains(
                            new HealthReading(
                                    PeerHealth.PARTNER_UNREACHABLE, "communication-recovery"));
            assertThat(state.bothNormal()).isFalse();
            assertThat(state.failoverText()).isEqualTo("in-maintenance/communication-recovery");
        } finally {
            newer.stop(0);
        }
    }

    /** A stand-in agent that answers {@code GET /state} with {@code body}. */
    private static HttpServer serveState(String body) throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/state",
                exchange -> {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                });
        server.start();
        return server;
    }

    @Test
    void state_podLabelledSecondaryButAgentSaysPrimary_isRefused() {
        agent.reportRole("primary");

        assertThatThrownBy(() -> client().state())
                .isInstanceOf(PeerUnreachableException.class)
                .hasMessageContaining("says it is primary");
    }

    @Test
    void state_agentDown_throwsUnreachableWithAddress() {
        int port = agent.port();
        agent.close();

        assertThatThrownBy(
                        () -> client(port, Optional.of(tokenFile), Duration.ofSeconds(2)).state())
                .isInstanceOf(PeerUnreachableException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("unreachable");
    }

    @Test
    void state_agentHangs_timesOutAsUnreachable() throws IOException {
        HttpServer silent =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CountDownLatch never = new CountDownLatch(1);
        silent.createContext(
                "/",
                exchange -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        silent.start();
        try {
            AgentClient slow =
                    client(
                            silent.getAddress().getPort(),
                            Optional.of(tokenFile),
                            Duration.ofMillis(300));

            assertThatThrownBy(slow::state)
                    .isInstanceOf(PeerUnreachableException.class)
                    .hasMessageContaining("no answer in time");
            assertThat(slow.restart(bundle.sha256()))
                    .isInstanceOfSatisfying(
                            RestartResult.Unreachable.class,
                            u -> assertThat(u.error()).contains("no answer in time"));
        } finally {
            never.countDown();
            silent.stop(0);
        }
    }

    @Test
    void restart_expectedHashMountedButNotRunning_restarts() throws IOException {
        RenderedConfig next = TestBundles.small("next");
        for (var file : next.files().entrySet()) {
            Files.writeString(dir.resolve("mount").resolve(file.getKey()), file.getValue());
        }

        RestartResult result = client().restart(next.sha256());

        assertThat(result)
                .isEqualTo(new RestartResult.Restarted(next.sha256(), Duration.ofMillis(12)));
        assertThat(agent.runningHash()).isEqualTo(next.sha256());
        assertThat(log).extracting(FakeAgent.Restart::role).containsExactly(PeerRole.SECONDARY);
    }

    @Test
    void restart_alreadyRunningTheHash_isNotRestarted() {
        assertThat(client().restart(bundle.sha256()))
                .isEqualTo(new RestartResult.AlreadyRunning(bundle.sha256()));
        assertThat(agent.restarts()).isZero();
    }

    @Test
    void restart_otherHashMounted_isHashMismatchWithMountedHash() {
        assertThat(client().restart("f".repeat(64)))
                .isEqualTo(new RestartResult.HashMismatch(bundle.sha256()));
    }

    @Test
    void restart_wrongToken_isUnreachableAndNeverShowsEitherToken() throws IOException {
        Files.writeString(tokenFile, "not-the-token");

        RestartResult result = client().restart(bundle.sha256());

        assertThat(result)
                .isInstanceOfSatisfying(
                        RestartResult.Unreachable.class,
                        u ->
                                assertThat(u.error())
                                        .contains("401")
                                        .doesNotContain("not-the-token")
                                        .doesNotContain(DhcpdPair.TOKEN));
    }

    @Test
    void restart_tokenFileMissing_isUnreachableNamingTheFile() throws IOException {
        Files.delete(tokenFile);

        assertThat(client().restart(bundle.sha256()))
                .isInstanceOfSatisfying(
                        RestartResult.Unreachable.class,
                        u -> assertThat(u.error()).contains(tokenFile.toString()));
        assertThat(agent.restarts()).isZero();
    }

    @Test
    void restart_agentDown_isUnreachable() {
        int port = agent.port();
        agent.close();

        assertThat(client(port, Optional.of(tokenFile), Duration.ofSeconds(2)).restart("a"))
                .isInstanceOf(RestartResult.Unreachable.class);
    }

    @Test
    void restart_scriptedAnswers_mapToTheirOutcomes() {
        String base = "https://netbox-dhcpd.npflan.dk/problems/";
        agent.scriptRestart(409, "{\"type\":\"" + base + "restart-in-progress\",\"status\":409}");
        agent.scriptRestart(
                422,
                "{\"type\":\""
                        + base
                        + "config-invalid\",\"status\":422,\"errors\":[{\"file\":\"dhcpd.conf\","
                        + "\"line\":12,\"message\":\"expecting a parameter or declaration\"}]}");
        agent.scriptRestart(
                500,
                "{\"type\":\""
                        + base
                        + "start-failed\",\"status\":500,\"detail\":\"dhcpd exited 1\"}");
        agent.scriptRestart(400, "{\"type\":\"" + base + "bad-request\",\"detail\":\"bad body\"}");
        agent.scriptRestart(503, "");
        AgentClient client = client();

        assertThat(client.restart(bundle.sha256())).isEqualTo(new RestartResult.InProgress());
        assertThat(client.restart(bundle.sha256()))
                .isEqualTo(
                        new RestartResult.ConfigInvalid(
                                List.of("dhcpd.conf:12: expecting a parameter or declaration")));
        assertThat(client.restart(bundle.sha256()))
                .isEqualTo(new RestartResult.StartFailed("dhcpd exited 1"));
        assertThat(client.restart(bundle.sha256()))
                .isInstanceOfSatisfying(
                        RestartResult.Unreachable.class,
                        u -> assertThat(u.error()).contains("400").contains("bad body"));
        assertThat(client.restart(bundle.sha256()))
                .isInstanceOfSatisfying(
                        RestartResult.Unreachable.class,
                        u -> assertThat(u.error()).contains("503"));
        assertThat(agent.restarts()).isZero();
    }

    @Test
    void restart_keaAgentAnswers_mapToTheirOutcomes_withTheAgentsDetail() {
        String base = "https://netbox-dhcpd.npflan.dk/problems/";
        agent.scriptRestart(
                409,
                "{\"type\":\""
                        + base
                        + "takeover-refused\",\"status\":409,\"detail\":\"the partner"
                        + " server2 did not take over; kea-dhcp4 was not touched\"}");
        agent.scriptRestart(
                500,
                "{\"type\":\""
                        + base
                        + "pair-not-normal\",\"status\":500,\"detail\":\"not back in"
                        + " hot-standby within 30000 ms: server1 waiting, server2 hot-standby\"}");
        agent.scriptRestart(
                500,
                "{\"type\":\""
                        + base
                        + "apply-failed\",\"status\":500,\"detail\":\"config-set got no"
                        + " answer: timeout\"}");
        agent.scriptRestart(
                409, "{\"type\":\"" + base + "some-future-refusal\",\"detail\":\"later\"}");
        agent.scriptRestart(500, "{\"type\":\"" + base + "internal\",\"detail\":\"boom\"}");
        AgentClient client = client();

        assertThat(client.restart(bundle.sha256()))
                .isEqualTo(
                        new RestartResult.Refused(
                                "the partner server2 did not take over; kea-dhcp4 was not"
                                        + " touched"));
        assertThat(client.restart(bundle.sha256()))
                .isEqualTo(
                        new RestartResult.StartFailed(
                                "not back in hot-standby within 30000 ms: server1 waiting,"
                                        + " server2 hot-standby"));
        assertThat(client.restart(bundle.sha256()))
                .isEqualTo(new RestartResult.StartFailed("config-set got no answer: timeout"));
        assertThat(client.restart(bundle.sha256()))
                .as("a problem type this listener does not know stays unknown")
                .isInstanceOfSatisfying(
                        RestartResult.Unreachable.class,
                        u -> assertThat(u.error()).contains("409").contains("later"));
        assertThat(client.restart(bundle.sha256()))
                .isInstanceOfSatisfying(
                        RestartResult.Unreachable.class,
                        u -> assertThat(u.error()).contains("500").contains("boom"));
        assertThat(agent.restarts()).isZero();
    }

    @Test
    void restart_200ThatIsNoRestartAnswer_isUnreachable_notAlreadyRunning() {
        agent.scriptRestart(200, "<html>proxy says ok</html>");

        assertThat(client().restart(bundle.sha256()))
                .isInstanceOfSatisfying(
                        RestartResult.Unreachable.class,
                        u -> assertThat(u.error()).contains("200").contains("proxy says ok"));
    }

    @Test
    void restartInPlace_agentRunsAnotherHash_isHashMismatchWithWhatItRuns() {
        String base = "https://netbox-dhcpd.npflan.dk/problems/";
        String runs = "b".repeat(64);
        agent.scriptRestart(
                409,
                "{\"type\":\""
                        + base
                        + "not-running\",\"status\":409,\"runningConfigHash\":\""
                        + runs
                        + "\"}");

        assertThat(client().restartInPlace(bundle.sha256()))
                .isEqualTo(new RestartResult.HashMismatch(runs));
        assertThat(agent.restarts()).isZero();
    }

    @Test
    void nudge_isHandedToThePlatform() {
        client().nudge("abc");

        assertThat(nudges).containsExactly("abc");
    }
}
