package dk.npflan.dhcp.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-call verbs {@code status}, {@code confirm} and {@code peer restart}, each run as its own
 * {@code java … Main} process (through {@link NetboxDhcpdProcessTest#main}) against {@link StandIn}
 * servers playing serve and the two agents.
 */
@Tag("slow")
class ConsoleCommandsProcessTest {

    private static final String TOKEN = "console-reconcile-token-0123456789";
    private static final String HASH = "a".repeat(64);

    @TempDir Path dir;

    private NetboxDhcpdProcessTest.Result main(Map<String, String> env, String... args)
            throws Exception {
        return NetboxDhcpdProcessTest.run(dir, env, args);
    }

    @Test
    void status_bothPeersOnPublishedHashAndReady_printsPeersAndStepsExitZero() throws Exception {
        try (StandIn serve = new StandIn().answerWith("GET /status", 200, "status-healthy.json")) {
            var r = main(Map.of(), "status", "--url", serve.url());

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out())
                    .contains("published  aaaaaaaaaaaa")
                    .containsPattern(
                            "primary +running aaaaaaaaaaaa +mounted same +failover"
                                    + " normal/normal +ready")
                    .contains("rolled-out")
                    .containsPattern("\\(\\d+ (s|min|h|d) ago\\)")
                    .containsPattern("restart +secondary +completed +3.0 s")
                    .containsPattern("publish +- +completed +120 ms")
                    .contains("pending    0 event(s)");
        }
    }

    @Test
    void status_secondaryOnOldHashNotReady_exitOne() throws Exception {
        try (StandIn serve = new StandIn().answerWith("GET /status", 200, "status-degraded.json")) {
            var r = main(Map.of(), "status", "--url", serve.url());

            assertThat(r.code()).isEqualTo(1);
            assertThat(r.out())
                    .containsPattern("secondary +running bbbbbbbbbbbb +mounted aaaaaaaaaaaa")
                    .contains("NOT READY");
        }
    }

    @Test
    void status_json_printsTheRawDocument() throws Exception {
        try (StandIn serve = new StandIn().answerWith("GET /status", 200, "status-held.json")) {
            var r = main(Map.of(), "status", "--json", "--url", serve.url());

            assertThat(r.code()).isZero();
            assertThat(r.out().strip())
                    .isEqualTo(
                            Files.readString(Path.of("src/test/resources/command/status-held.json"))
                                    .strip());
        }
    }

    @Test
    void status_serveNotListening_oneLineSayingWhatWasTried_exitTwo() throws Exception {
        String url = StandIn.closedUrl();
        var r = main(Map.of(), "status", "--url", url);

        assertThat(r.code()).isEqualTo(2);
        // the JVM's HttpClient may add a JUL warning when run without the log manager property
        assertThat(r.err().lines().filter(l -> l.startsWith("status:")))
                .singleElement()
                .asString()
                .startsWith("status: serve did not answer GET " + url + "/status");
    }

    @Test
    void confirm_heldConfigAndRightToken_sendsBearerForceReconcile_exitZero() throws Exception {
        try (StandIn serve =
                new StandIn()
                        .answerWith("GET /status", 200, "status-held.json")
                        .answer(
                                "POST /reconcile",
                                202,
                                "{\"status\":\"queued\",\"reconcileId\":\"r-42\",\"force\":true}")) {
            var r =
                    main(
                            Map.of("NETBOX_DHCPD_RECONCILE_TOKEN", TOKEN),
                            "confirm",
                            "--url",
                            serve.url());

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("reconcile r-42 queued");
            assertThat(serve.requests("POST"))
                    .singleElement()
                    .satisfies(
                            p -> {
                                assertThat(p.pathAndQuery()).isEqualTo("/reconcile?force=true");
                                assertThat(p.authorization()).isEqualTo("Bearer " + TOKEN);
                            });
            assertThat(r.out() + r.err()).doesNotContain(TOKEN);
        }
    }

    @Test
    void confirm_tokenRefused_saysSo_exitOne() throws Exception {
        try (StandIn serve =
                new StandIn()
                        .answerWith("GET /status", 200, "status-held.json")
                        .answer("POST /reconcile", 401, "{\"title\":\"bad-token\"}")) {
            var r =
                    main(
                            Map.of("NETBOX_DHCPD_RECONCILE_TOKEN", TOKEN),
                            "confirm",
                            "--url",
                            serve.url());

            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("serve refused the token (401)").doesNotContain(TOKEN);
        }
    }

    @Test
    void confirm_nothingHeld_refusedWithoutPost_exitOne() throws Exception {
        try (StandIn serve = new StandIn().answerWith("GET /status", 200, "status-healthy.json")) {
            var r =
                    main(
                            Map.of("NETBOX_DHCPD_RECONCILE_TOKEN", TOKEN),
                            "confirm",
                            "--url",
                            serve.url());

            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("shows no held config").contains("--force");
            assertThat(serve.requests("POST")).isEmpty();
        }
    }

    @Test
    void peerRestart_otherPeerDown_refusedAndNoPostReachesTheAgent_exitOne() throws Exception {
        try (StandIn primary = agent("state-primary-serving.json");
                StandIn secondary = agent("state-secondary-down.json")) {
            var r =
                    main(
                            tokenEnv(),
                            "peer",
                            "restart",
                            "--role",
                            "primary",
                            "--agent",
                            primary.url(),
                            "--other",
                            secondary.url());

            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("refused: the secondary is not serving");
            assertThat(primary.requests("POST")).isEmpty();
        }
    }

    @Test
    void peerRestart_force_postsInPlaceWithTheRunningHash_exitZero() throws Exception {
        try (StandIn primary = agent("state-primary-serving.json")) {
            var r =
                    main(
                            tokenEnv(),
                            "peer",
                            "restart",
                            "--role",
                            "primary",
                            "--agent",
                            primary.url(),
                            "--force");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("primary restarted in place on aaaaaaaaaaaa");
            assertThat(primary.requests("POST"))
                    .singleElement()
                    .satisfies(
                            p -> {
                                assertThat(p.pathAndQuery()).isEqualTo("/restart");
                                assertThat(p.authorization())
                                        .isEqualTo("Bearer agent-token-0123456789abcdef");
                                assertThat(p.body())
                                        .contains("\"expectedConfigHash\":\"" + HASH + "\"")
                                        .contains("\"inPlace\":true");
                            });
        }
    }

    @Test
    void peerRestart_agentNotListening_exitTwo() throws Exception {
        String url = StandIn.closedUrl();
        var r =
                main(
                        tokenEnv(),
                        "peer",
                        "restart",
                        "--role",
                        "secondary",
                        "--agent",
                        url,
                        "--force");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("peer restart: secondary agent at " + url + "/state unreachable");
    }

    @Test
    void confirm_serveNotListening_exitTwo() throws Exception {
        String url = StandIn.closedUrl();
        var r = main(Map.of("NETBOX_DHCPD_RECONCILE_TOKEN", TOKEN), "confirm", "--url", url);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("confirm: serve did not answer GET " + url + "/status");
    }

    private StandIn agent(String state) throws Exception {
        return new StandIn()
                .answerWith("GET /state", 200, state)
                .answer(
                        "POST /restart",
                        200,
                        "{\"restarted\":true,\"runningConfigHash\":\""
                                + HASH
                                + "\",\"pid\":99,\"durationMillis\":1250}");
    }

    private Map<String, String> tokenEnv() throws Exception {
        Path token = dir.resolve("agent-token");
        Files.writeString(token, "agent-token-0123456789abcdef\n");
        return Map.of("NETBOX_DHCPD_ROLLOUT_DIRECTORY_AGENT_TOKEN_FILE", token.toString());
    }
}
