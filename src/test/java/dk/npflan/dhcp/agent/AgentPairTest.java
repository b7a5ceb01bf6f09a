package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.dhcpd.FailoverPairLab.Role;
import dk.npflan.dhcp.peer.AgentApi;
import dk.npflan.dhcp.peer.PeerHealth;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.agent.AgentClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two real agents (child JVMs, each inside its peer's network namespace) supervising a real dhcpd
 * failover pair, driven and observed through the agent API only, as the rollout drives it. Ordered:
 * each scenario starts from the state the previous one left. mclt is 15 s so the recover-wait
 * scenario stays short. Every answer the scenarios read is also bound to the contract records the
 * listener's {@link AgentClient} binds ({@link AgentApi}; a field the records do not know fails the
 * binding), and the listener's own client reads {@code /state} where the roller would.
 */
@Tag("netns")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow")
class AgentPairTest {

    /** Fails on a field the contract records do not declare. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The neutral health each failover state the scenarios reach must be reported as. */
    private static final Map<String, PeerHealth> HEALTH =
            Map.of(
                    "normal", PeerHealth.NORMAL,
                    "startup", PeerHealth.SYNCING,
                    "communications-interrupted", PeerHealth.PARTNER_UNREACHABLE,
                    "partner-down", PeerHealth.SERVING_ALONE,
                    "recover-wait", PeerHealth.LEASE_STATE_LOST);

    private static final Duration SETTLE = Duration.ofSeconds(45);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Pattern LEASE = Pattern.compile("(?ms)^lease (\\S+) \\{(.*?)^\\}");
    private static final Pattern HARDWARE = Pattern.compile("hardware ethernet (\\S+);");
    private static final Duration BACKOFF_INITIAL = Duration.ofMillis(200);
    private static final Duration BACKOFF_MAX = Duration.ofMillis(800);
    private static final Map<String, String> SETTINGS =
            Map.of(
                    "netbox-dhcpd.agent.ready-cache", "PT0.5S",
                    "netbox-dhcpd.agent.probe-timeout", "PT1S",
                    "netbox-dhcpd.agent.restart-backoff.initial", BACKOFF_INITIAL.toString(),
                    "netbox-dhcpd.agent.restart-backoff.max", BACKOFF_MAX.toString(),
                    "netbox-dhcpd.agent.restart-backoff.crash-loop-threshold", "3",
                    "netbox-dhcpd.agent.restart-backoff.stable-after", "PT5S",
                    "netbox-dhcpd.agent.lease-metrics.refresh", "PT0.5S");

    private static AgentPairLab lab;
    private static RenderedConfig first;
    private static RenderedConfig second;

    @BeforeAll
    static void startAgents() throws Exception {
        lab = AgentPairLab.create(15, SETTINGS);
        first = lab.render(Map.of());
        second = lab.render(Map.of("netbox-dhcpd.config.global.default-lease-time", "PT3H"));
        lab.startAgent(Role.SECONDARY);
        lab.startAgent(Role.PRIMARY);
        for (Role role : Role.values()) {
            awaitLive(role);
        }
    }

    @AfterAll
    static void stopAgents() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void twoAgents_startDhcpdFromTheMountedBundle_pairNormal_readyAndRunningHashIsTheBundle()
            throws Exception {
        awaitBothNormal();
        for (Role role : Role.values()) {
            JsonNode state = state(role);
            assertThat(state.path("role").asText()).isEqualTo(role.name().toLowerCase(Locale.ROOT));
            assertThat(state.path("runningConfigHash").asText()).isEqualTo(first.sha256());
            assertThat(state.path("mountedConfigHash").asText()).isEqualTo(first.sha256());
            assertThat(state.path("dhcpd").path("running").asBoolean()).isTrue();
            assertThat(state.path("dhcpd").path("pid").asLong()).isPositive();
            assertThat(state.path("agentVersion").asText()).isNotBlank().isNotEqualTo("unknown");
            assertThat(lab.get(role, "/live").body()).isEqualTo("{\"live\":true}");
            awaitReady(role, true);
            PeerState seen = client(role).state();
            assertThat(seen.bothNormal()).as(seen.toString()).isTrue();
            assertThat(seen.failoverText()).isEqualTo("normal/normal");
            assertThat(seen.serverRunning()).isTrue();
            assertThat(seen.runningHash()).contains(first.sha256());
            assertThat(seen.mountedHash()).contains(first.sha256());
            assertThat(seen.probeReady()).isTrue();
            assertThat(seen.address()).isPresent();
            assertThat(seen.partnerAddress()).isPresent();
        }
        String primaryFailover =
                Files.readString(lab.etcDhcp(Role.PRIMARY).resolve("failover/dhcpd.failover"));
        String secondaryFailover =
                Files.readString(lab.etcDhcp(Role.SECONDARY).resolve("failover/dhcpd.failover"));
        assertThat(primaryFailover)
                .isEqualTo(first.failover(dk.npflan.dhcp.config.PeerRole.PRIMARY));
        assertThat(secondaryFailover)
                .isEqualTo(first.failover(dk.npflan.dhcp.config.PeerRole.SECONDARY));
        var key = lab.etcDhcp(Role.SECONDARY).resolve("omapi/omapi.key");
        assertThat(Files.readString(key))
                .contains("key " + AgentPairLab.KEY_NAME + " ")
                .contains(lab.omapiSecret());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
    }

    @Test
    @Order(2)
    void restart_badTokenBadBodyOrMismatchedHash_refused_dhcpdUntouched() throws Exception {
        long pid = pid(Role.SECONDARY);
        String body = restartBody(second.sha256());

        AgentPairLab.Answer noToken = lab.post(Role.SECONDARY, "/restart", body, null);
        AgentPairLab.Answer wrongToken =
                lab.post(Role.SECONDARY, "/restart", body, lab.token() + "x");
        AgentPairLab.Answer badBody =
                lab.post(Role.SECONDARY, "/restart", "{\"expected\":1}", lab.token());
        AgentPairLab.Answer mismatch = lab.post(Role.SECONDARY, "/restart", body, lab.token());
        AgentPairLab.Answer already =
                lab.post(Role.SECONDARY, "/restart", restartBody(first.sha256()), lab.token());

        assertThat(noToken.status()).isEqualTo(401);
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(noToken.contentType()).isEqualTo("application/problem+json");
        assertThat(badBody.status()).isEqualTo(400);
        assertThat(mismatch.status()).as(mismatch.body()).isEqualTo(409);
        JsonNode problem = JSON.readTree(mismatch.body());
        assertThat(problem.path("type").asText()).endsWith("/hash-mismatch");
        assertThat(problem.path("expectedConfigHash").asText()).isEqualTo(second.sha256());
        assertThat(problem.path("mountedConfigHash").asText()).isEqualTo(first.sha256());
        AgentApi.Problem bound = JSON.readValue(mismatch.body(), AgentApi.Problem.class);
        assertThat(bound.is("hash-mismatch")).isTrue();
        assertThat(bound.mountedConfigHash()).isEqualTo(first.sha256());
        assertThat(JSON.readValue(badBody.body(), AgentApi.Problem.class).is("bad-request"))
                .isTrue();
        assertThat(JSON.readValue(noToken.body(), AgentApi.Problem.class).status()).isEqualTo(401);
        assertThat(already.status()).isEqualTo(200);
        assertThat(JSON.readTree(already.body()).path("restarted").asBoolean()).isFalse();
        assertThat(JSON.readValue(already.body(), AgentApi.NotRestarted.class))
                .isEqualTo(new AgentApi.NotRestarted(false, first.sha256()));
        assertThat(pid(Role.SECONDARY)).isEqualTo(pid);
    }

    @Test
    @Order(3)
    void restart_mountedConfigFailsDhcpdT_422WithFileAndLine_samePid() throws Exception {
        long pid = pid(Role.SECONDARY);
        String broken = first.config().replace("authoritative;", "authoritative");
        String brokenHash = lab.mount(Role.SECONDARY, Map.of("dhcpd.conf", broken));

        AgentPairLab.Answer answer =
                lab.post(Role.SECONDARY, "/restart", restartBody(brokenHash), lab.token());

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("type").asText()).endsWith("/config-invalid");
        JsonNode error = problem.path("errors").path(0);
        assertThat(error.path("file").asText()).isEqualTo("dhcpd.conf");
        assertThat(error.path("line").asInt()).isPositive();
        assertThat(error.path("message").asText()).isNotBlank();
        AgentApi.Problem bound = JSON.readValue(answer.body(), AgentApi.Problem.class);
        assertThat(bound.is("config-invalid")).isTrue();
        assertThat(bound.errors())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.file()).isEqualTo("dhcpd.conf");
                            assertThat(e.line()).isPositive();
                            assertThat(e.message()).isNotBlank();
                        });
        JsonNode state = state(Role.SECONDARY);
        assertThat(state.path("dhcpd").path("pid").asLong()).isEqualTo(pid);
        assertThat(state.path("runningConfigHash").asText()).isEqualTo(first.sha256());
        assertThat(state.path("mountedConfigHash").asText()).isEqualTo(brokenHash);
    }

    @Test
    @Order(4)
    void restart_validNewBundle_secondaryThenPrimaryRestartedInPlace_pairNormal_leasesKept()
            throws Exception {
        Map<Role, Map<String, String>> leasesBefore = new java.util.EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            leasesBefore.put(role, leases(role, true));
            assertThat(leasesBefore.get(role)).as("active probe leases in " + role).isNotEmpty();
        }
        lab.mount(second);
        for (Role role : List.of(Role.SECONDARY, Role.PRIMARY)) {
            long pid = pid(role);
            assertThat(lab.mountedHash(role)).isEqualTo(second.sha256());

            AgentPairLab.Answer answer =
                    lab.post(role, "/restart", restartBody(second.sha256()), lab.token());

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode restarted = JSON.readTree(answer.body());
            assertThat(restarted.path("restarted").asBoolean()).isTrue();
            assertThat(restarted.path("runningConfigHash").asText()).isEqualTo(second.sha256());
            assertThat(restarted.path("pid").asLong()).isNotEqualTo(pid);
            assertThat(restarted.path("durationMillis").asLong()).isNotNegative();
            AgentApi.Restarted bound = JSON.readValue(answer.body(), AgentApi.Restarted.class);
            assertThat(bound.restarted()).isTrue();
            assertThat(bound.runningConfigHash()).isEqualTo(second.sha256());
            assertThat(bound.pid()).isEqualTo(restarted.path("pid").asLong());
            JsonNode state = state(role);
            assertThat(state.path("runningConfigHash").asText()).isEqualTo(second.sha256());
            assertThat(state.path("dhcpd").path("pid").asLong())
                    .isEqualTo(restarted.path("pid").asLong());
            awaitReady(role, true);
            awaitBothNormal();
        }
        for (Role role : Role.values()) {
            assertThat(leases(role, false)).containsAllEntriesOf(leasesBefore.get(role));
            // the lease-file pool metrics count the probe subnet's active leases
            await().atMost(SETTLE)
                    .pollInterval(POLL)
                    .ignoreExceptions()
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    metric(
                                                            role,
                                                            "dhcpd_subnet_addresses{state=\"active\",subnet=\""
                                                                    + AgentPairLab.PROBE_SUBNET
                                                                    + "\",}"))
                                            .isGreaterThanOrEqualTo(1.0));
        }
        assertThat(Files.readString(lab.etcDhcp(Role.PRIMARY).resolve("dhcpd.conf")))
                .isEqualTo(second.config());
    }

    @Test
    @Order(5)
    void dhcpdKilledFromOutside_agentRestartsIt_visibleInStateAndMetrics() throws Exception {
        JsonNode before = state(Role.SECONDARY);
        long pid = before.path("dhcpd").path("pid").asLong();
        int restarts = before.path("dhcpd").path("restarts").asInt();
        double automatic = metric(Role.SECONDARY, "dhcpd_restarts_total{reason=\"automatic\",}");

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(SETTLE)
                .pollInterval(POLL)
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            JsonNode dhcpd = state(Role.SECONDARY).path("dhcpd");
                            assertThat(dhcpd.path("running").asBoolean()).isTrue();
                            assertThat(dhcpd.path("pid").asLong()).isNotEqualTo(pid);
                            assertThat(dhcpd.path("restarts").asInt()).isEqualTo(restarts + 1);
                            assertThat(dhcpd.path("lastExit").path("kind").asText())
                                    .isEqualTo("EXITED");
                            assertThat(dhcpd.path("lastExit").path("exitCode").isNull()).isFalse();
                        });
        assertThat(metric(Role.SECONDARY, "dhcpd_restarts_total{reason=\"automatic\",}"))
                .isEqualTo(automatic + 1);
        assertThat(metric(Role.SECONDARY, "dhcpd_up")).isEqualTo(1.0);
        assertThat(state(Role.SECONDARY).path("runningConfigHash").asText())
                .isEqualTo(second.sha256());
        awaitBothNormal();
    }

    @Test
    @Order(6)
    void primaryAgentGetsSigterm_stopsItsDhcpdAndExits_secondaryCommunicationsInterruptedIsReady()
            throws Exception {
        long primaryDhcpd = pid(Role.PRIMARY);

        int exit = lab.stopAgent(Role.PRIMARY);

        assertThat(exit).isIn(0, 143);
        assertThat(ProcessHandle.of(primaryDhcpd).map(ProcessHandle::isAlive))
                .isNotEqualTo(java.util.Optional.of(true));
        awaitLocalState(Role.SECONDARY, "communications-interrupted");
        awaitReady(Role.SECONDARY, true);
        assertThat(
                        metric(
                                Role.SECONDARY,
                                "dhcpd_failover_state{failover_peer=\"failover-partner\",side=\"local\",}"))
                .isEqualTo(3.0);
    }

    @Test
    @Order(7)
    void loneSecondaryRestartedWhilePrimaryDown_startupNotReady_thenPrimaryBack_normalReady()
            throws Exception {
        ProcessHandle.of(pid(Role.SECONDARY)).orElseThrow().destroyForcibly();

        awaitLocalState(Role.SECONDARY, "startup");
        AgentPairLab.Answer ready = lab.get(Role.SECONDARY, "/ready");
        String stateAfter = localState(Role.SECONDARY);

        assertThat(stateAfter).as("still in startup after the probe").isEqualTo("startup");
        assertThat(ready.status()).as(ready.body()).isEqualTo(503);
        assertThat(JSON.readTree(ready.body()).path("ready").asBoolean()).isFalse();
        assertThat(lab.get(Role.SECONDARY, "/live").status()).isEqualTo(200);

        lab.startAgent(Role.PRIMARY);
        awaitLive(Role.PRIMARY);
        awaitBothNormal();
        awaitReady(Role.SECONDARY, true);
        awaitReady(Role.PRIMARY, true);
    }

    @Test
    @Order(8)
    void secondaryReturnsWithEmptyLeaseFile_recoverWaitNotReady_primaryPartnerDownReady_thenNormal()
            throws Exception {
        lab.stopAgent(Role.SECONDARY);
        Files.delete(lab.leaseFile(Role.SECONDARY));
        awaitLocalState(Role.PRIMARY, "communications-interrupted");

        lab.startAgent(Role.SECONDARY);
        awaitLive(Role.SECONDARY);

        awaitLocalState(Role.SECONDARY, "recover-wait");
        AgentPairLab.Answer secondaryReady = lab.get(Role.SECONDARY, "/ready");
        String secondaryAfter = localState(Role.SECONDARY);
        assertThat(secondaryAfter).isEqualTo("recover-wait");
        assertThat(secondaryReady.status()).as(secondaryReady.body()).isEqualTo(503);
        assertThat(JSON.readTree(secondaryReady.body()).path("reason").asText())
                .contains("recover-wait");
        assertThat(lab.get(Role.SECONDARY, "/live").status()).isEqualTo(200);
        awaitLocalState(Role.PRIMARY, "partner-down");
        awaitReady(Role.PRIMARY, true);

        awaitBothNormal();
        awaitReady(Role.SECONDARY, true);
    }

    @Test
    @Order(9)
    void agentRestartedWhileANewerBundleIsMounted_bootsTheBundleItRan_notTheMountedOne()
            throws Exception {
        RenderedConfig third =
                lab.render(Map.of("netbox-dhcpd.config.global.default-lease-time", "PT2H"));
        lab.mount(Role.PRIMARY, third.files());
        long before = pid(Role.PRIMARY);

        lab.stopAgent(Role.PRIMARY);
        lab.startAgent(Role.PRIMARY);
        awaitLive(Role.PRIMARY);

        JsonNode state = state(Role.PRIMARY);
        assertThat(state.path("dhcpd").path("pid").asLong()).isNotEqualTo(before);
        assertThat(state.path("runningConfigHash").asText()).isEqualTo(second.sha256());
        assertThat(state.path("mountedConfigHash").asText()).isEqualTo(third.sha256());
        assertThat(Files.readString(lab.etcDhcp(Role.PRIMARY).resolve("dhcpd.conf")))
                .isEqualTo(second.config());
        awaitBothNormal();
        lab.mount(Role.PRIMARY, second.files());
    }

    @Test
    @Order(10)
    void
            bundleThatMakesDhcpdExitAtOnce_startFailed_backOnTheBundleThatServed_andWithoutOneACrashLoop()
                    throws Exception {
        RenderedConfig exitsAtOnce =
                lab.render(
                        Map.of(
                                "netbox-dhcpd.config.server-network.network", "10.254.254.0/24",
                                "netbox-dhcpd.config.global.default-lease-time", "PT3H"));
        String hash = lab.mount(Role.SECONDARY, exitsAtOnce.files());

        AgentPairLab.Answer failed =
                lab.post(Role.SECONDARY, "/restart", restartBody(hash), lab.token());

        assertThat(failed.status()).as(failed.body()).isEqualTo(500);
        assertThat(JSON.readTree(failed.body()).path("type").asText()).endsWith("/start-failed");
        assertThat(JSON.readValue(failed.body(), AgentApi.Problem.class).detail())
                .contains("interfaces")
                .contains(second.sha256());
        assertThat(state(Role.SECONDARY).path("runningConfigHash").asText())
                .isEqualTo(second.sha256());
        awaitBothNormal();
        assertThat(state(Role.SECONDARY).path("dhcpd").path("crashLoop").asBoolean()).isFalse();

        // a first install (nothing kept) has nothing to go back to: it crash-loops on what is
        // mounted, with backoff
        lab.stopAgent(Role.SECONDARY);
        lab.deleteKeptBundle(Role.SECONDARY);
        lab.startAgent(Role.SECONDARY);
        awaitLive(Role.SECONDARY);
        List<Long> startTimes = new ArrayList<>();
        int[] lastRestarts = {state(Role.SECONDARY).path("dhcpd").path("restarts").asInt()};
        await().atMost(SETTLE)
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> {
                            int restarts =
                                    state(Role.SECONDARY).path("dhcpd").path("restarts").asInt();
                            if (restarts != lastRestarts[0]) {
                                startTimes.add(System.nanoTime());
                                lastRestarts[0] = restarts;
                            }
                            return startTimes.size() >= 5;
                        });
        JsonNode state = state(Role.SECONDARY);
        assertThat(state.path("dhcpd").path("crashLoop").asBoolean()).isTrue();
        assertThat(state.path("runningConfigHash").asText()).isEqualTo(hash);
        assertThat(state.path("dhcpd").path("lastExit").path("detail").asText())
                .contains("interfaces");
        assertThat(metric(Role.SECONDARY, "dhcpd_crash_loop")).isEqualTo(1.0);
        PeerState crashing = client(Role.SECONDARY).state();
        assertThat(crashing.crashLoop()).isTrue();
        assertThat(crashing.runningHash()).contains(hash);
        assertThat(metric(Role.SECONDARY, "dhcpd_crash_loops_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(metric(Role.SECONDARY, "dhcpd_restart_backoff_seconds"))
                .isEqualTo(BACKOFF_MAX.toMillis() / 1000.0);
        List<Long> gapsMillis = new ArrayList<>();
        for (int i = 1; i < startTimes.size(); i++) {
            gapsMillis.add((startTimes.get(i) - startTimes.get(i - 1)) / 1_000_000);
        }
        // the delay doubles per quick exit (0.2 → 0.4 → 0.8 s) and stays at the maximum; polling
        // every 20 ms may see a start up to that much late or early
        long previous = 0;
        for (long gap : gapsMillis.subList(1, gapsMillis.size())) {
            assertThat(gap)
                    .as("gaps " + gapsMillis)
                    .isGreaterThanOrEqualTo(BACKOFF_INITIAL.multipliedBy(2).toMillis() - 60);
            assertThat(gap).as("gaps " + gapsMillis).isLessThan(BACKOFF_MAX.toMillis() + 1500);
            previous = Math.max(previous, gap);
        }
        assertThat(gapsMillis.get(gapsMillis.size() - 1))
                .as("gaps " + gapsMillis)
                .isGreaterThanOrEqualTo(BACKOFF_MAX.toMillis() - 60);

        lab.mount(Role.SECONDARY, second.files());
        AgentPairLab.Answer recovered =
                lab.post(Role.SECONDARY, "/restart", restartBody(second.sha256()), lab.token());

        assertThat(recovered.status()).as(recovered.body()).isEqualTo(200);
        assertThat(state(Role.SECONDARY).path("dhcpd").path("crashLoop").asBoolean()).isFalse();
        awaitBothNormal();
    }

    @Test
    @Order(11)
    void noSecretInAnyBodyLogOrMetric() throws Exception {
        for (Role role : Role.values()) {
            for (String path : List.of("/state", "/ready", "/live", "/metrics")) {
                lab.get(role, path);
            }
            lab.post(role, "/restart", "{}", lab.token());
            lab.post(role, "/restart", restartBody("0".repeat(64)), lab.token());
        }
        String everything = String.join("\n", lab.bodies()) + "\n" + lab.logs();

        assertThat(everything).contains("hash-mismatch").contains("dhcpd_up");
        assertThat(lab.logs()).contains("Server starting service.");
        assertThat(everything).doesNotContain(lab.token()).doesNotContain(lab.omapiSecret());
    }

    private static String restartBody(String hash) {
        return "{\"expectedConfigHash\":\"" + hash + "\"}";
    }

    private static JsonNode state(Role role) throws IOException, InterruptedException {
        AgentPairLab.Answer answer = lab.get(role, "/state");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertContract(JSON.readValue(answer.body(), AgentApi.State.class), role);
        return JSON.readTree(answer.body());
    }

    /**
     * What the listener needs from every {@code /state}: its role, the dhcpd process block, the
     * probe, and the neutral pair health whenever the failover states were read, with dhcpd's words
     * as the raw text and the health {@link #HEALTH} names for them.
     */
    private static void assertContract(AgentApi.State state, Role role) {
        assertThat(state.role()).isEqualTo(role.name().toLowerCase(Locale.ROOT));
        assertThat(state.dhcpd()).isNotNull();
        assertThat(state.probe()).isNotNull();
        AgentApi.Failover failover = state.failover();
        if (failover.error() != null) {
            assertThat(state.pair()).as("no failover reading, no pair").isNull();
            return;
        }
        assertThat(state.pair()).as(failover.toString()).isNotNull();
        assertThat(state.pair().local().raw()).isEqualTo(failover.localState());
        assertThat(state.pair().partner().raw()).isEqualTo(failover.partnerState());
        for (var side : List.of(state.pair().local(), state.pair().partner())) {
            if (HEALTH.containsKey(side.raw())) {
                assertThat(side.health()).as(side.raw()).isEqualTo(HEALTH.get(side.raw()));
            }
            assertThat(side.health()).as(side.raw()).isNotNull();
        }
    }

    /** The listener's own client of this agent, as the roller builds it. */
    private static AgentClient client(Role role) {
        return new AgentClient(
                PeerRole.valueOf(role.name()),
                () -> lab.uri(role, "/"),
                Optional.empty(),
                new AgentClient.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60)),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                AgentClient.Nudge.none());
    }

    private static long pid(Role role) throws IOException, InterruptedException {
        return state(role).path("dhcpd").path("pid").asLong();
    }

    private static String localState(Role role) {
        try {
            return state(role).path("failover").path("localState").asText();
        } catch (Exception e) {
            return "unreachable: " + e;
        }
    }

    private static double metric(Role role, String series) throws Exception {
        for (String line : lab.get(role, "/metrics").body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        throw new AssertionError("no series " + series);
    }

    /**
     * Address → client MAC of the last block per address in the lease file (dhcpd appends; the last
     * block wins); only bindings in state active when {@code activeOnly}.
     */
    private static Map<String, String> leases(Role role, boolean activeOnly) throws IOException {
        Map<String, String> leases = new java.util.TreeMap<>();
        Matcher m = LEASE.matcher(Files.readString(lab.leaseFile(role)));
        while (m.find()) {
            String block = m.group(2);
            Matcher mac = HARDWARE.matcher(block);
            boolean active = block.contains("\n  binding state active;");
            if (mac.find() && (active || !activeOnly)) {
                leases.put(m.group(1), mac.group(1));
            } else {
                leases.remove(m.group(1));
            }
        }
        return leases;
    }

    private static void awaitLive(Role role) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(POLL)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(lab.get(role, "/live").status()).isEqualTo(200));
    }

    private static void awaitReady(Role role, boolean ready) {
        await().atMost(SETTLE)
                .pollInterval(POLL)
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            AgentPairLab.Answer answer = lab.get(role, "/ready");
                            assertThat(answer.status()).isEqualTo(ready ? 200 : 503);
                            assertThat(JSON.readValue(answer.body(), AgentApi.Ready.class).ready())
                                    .isEqualTo(ready);
                        });
    }

    private static void awaitLocalState(Role role, String state) {
        await().atMost(SETTLE)
                .pollInterval(POLL)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(localState(role)).isEqualTo(state));
    }

    private static void awaitBothNormal() {
        await().atMost(SETTLE)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            for (Role role : Role.values()) {
                                JsonNode failover = state(role).path("failover");
                                assertThat(failover.path("localState").asText())
                                        .as(role + " " + failover)
                                        .isEqualTo("normal");
                                assertThat(failover.path("partnerState").asText())
                                        .as(role + " " + failover)
                                        .isEqualTo("normal");
                            }
                        });
    }
}
