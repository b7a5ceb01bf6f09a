package dk.npflan.dhcp.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.kafka.TopicReader;
import dk.npflan.dhcp.webhook.SignatureVerifier;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's run command as a user runs it: {@code bin/netbox-dhcpd serve} from the packaged app
 * (failsafe runs after {@code package}) with nothing set but the webhook secret and free ports. It
 * must start the embedded broker, copy the sample inventory, start the local failover pair and roll
 * the inventory out to it, so that the real {@code dhclient} in {@code nbd-client} gets a lease
 * through the relay; an edit of the inventory file must reach both peers while that client keeps
 * getting leases, with the rollout on the audit topic; a {@code serve} started after a {@code kill
 * -9} must adopt the pair and {@code nbd-client} as they are (dhcpd keeps serving, a user's {@code
 * dhclient} keeps running) and get the killed one's unfinished webhook at once; stopping it must
 * leave nothing behind.
 */
@Tag("netns")
@Tag("dhcpd")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow")
class EmbeddedServeIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String CLIENT_NETNS = "nbd-client";
    private static final String ADDED_SUBNET = "10.9.9.0/24";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path data;
    private static Path log;
    private static Process serve;
    private static int httpPort;
    private static int brokerPort;
    private static int controllerPort;
    private static final String SECRET = "embedded-run-test-secret";

    @BeforeAll
    static void startServe() throws Exception {
        data = Files.createTempDirectory("nbd-serve-it-");
        httpPort = freePort();
        brokerPort = freePort();
        controllerPort = freePort();
        serve = launch("serve.log");
        awaitStartupRollout();
    }

    /** {@code bin/netbox-dhcpd serve} with only the secret, free ports and the data directory. */
    private static Process launch(String logName) throws IOException {
        log = data.resolve(logName);
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        Optional.ofNullable(System.getenv("JAVA_HOME")).ifPresent(j -> env.put("JAVA_HOME", j));
        env.put("HOME", data.toString());
        env.put("NETBOX_WEBHOOK_SECRET", SECRET);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        env.put("NETBOX_DHCPD_BROKER_PORT", Integer.toString(brokerPort));
        env.put("NETBOX_DHCPD_BROKER_CONTROLLER_PORT", Integer.toString(controllerPort));
        env.put("NETBOX_DHCPD_BROKER_DATA_DIR", data.resolve("kafka").toString());
        env.put("NETBOX_DHCPD_EMBEDDED_DATA_DIR", data.toString());
        ProcessBuilder builder =
                new ProcessBuilder(ROOT.resolve("bin/netbox-dhcpd").toString(), "serve")
                        .directory(data.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * Until the startup reconcile has rolled the inventory out to both peers, or found it running
     * there already (an adopted pair).
     */
    private static void awaitStartupRollout() {
        await("the startup rollout to the local pair")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .failFast("serve exited; its log:\n" + tail(), () -> !serve.isAlive())
                .until(
                        () -> {
                            JsonNode status = status();
                            String outcome = status.path("lastReconcile").path("outcome").asText();
                            return (outcome.equals("rolled-out") || outcome.equals("unchanged"))
                                    && pairRuns(status.path("publishedHash").asText(null));
                        });
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (serve != null && serve.isAlive()) {
            serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void firstRun_copiesTheSampleInventoryAndSaysWhereItIs() throws Exception {
        Path inventory = data.resolve("inventory.json");
        assertThat(inventory).exists();
        assertThat(Files.readString(log))
                .contains("the inventory file " + inventory + " (the sample, copied there now)")
                .contains("ip netns exec nbd-client dhclient -1 -v eth0");
        JsonNode last = status().path("lastReconcile");
        assertThat(last.path("trigger").asText()).isEqualTo("startup");
        assertThat(last.path("outcome").asText()).isEqualTo("rolled-out");
    }

    @Test
    @Order(2)
    void dhclientInNbdClient_getsALeaseOnTheClientSubnetThroughTheRelay() throws Exception {
        Attempt attempt = Dhclient.obtain(data);
        String address;
        String routes;
        try {
            address = run("ip", "-n", CLIENT_NETNS, "-4", "addr", "show", "dev", "eth0");
            routes = run("ip", "-n", CLIENT_NETNS, "-4", "route");
        } finally {
            Dhclient.stop(data);
        }

        assertThat(attempt.exitCode()).as(attempt.output()).isZero();
        assertThat(attempt.output()).containsPattern("bound to 198\\.18\\.100\\.\\d+");
        assertThat(address).containsPattern("inet 198\\.18\\.100\\.(1\\d\\d)/24");
        assertThat(routes).contains("default via 198.18.100.1");
    }

    @Test
    @Order(3)
    void inventoryFileGainsASubnet_bothPeersRunItWhileTheClientKeepsGettingLeases()
            throws Exception {
        String before = status().path("publishedHash").asText();
        long auditFrom;
        try (TopicReader audit = new TopicReader("127.0.0.1:" + brokerPort, "dhcp.audit")) {
            auditFrom = audit.endOffset();
        }
        ClientLoop clients = ClientLoop.start(data);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> clients.attempts().size() >= 2);
            addSubnet(data.resolve("inventory.json"), ADDED_SUBNET);
            await("the edit rolled out to both peers")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                JsonNode status = status();
                                String hash = status.path("publishedHash").asText(before);
                                return !hash.equals(before)
                                        && pairRuns(hash)
                                        && status.path("lastReconcile")
                                                .path("trigger")
                                                .asText()
                                                .equals("inventory_file");
                            });
            int duringRollout = clients.attempts().size();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> clients.attempts().size() >= duringRollout + 2);
        } finally {
            clients.stop();
        }

        assertThat(status().path("lastReconcile").path("outcome").asText()).isEqualTo("rolled-out");
        List<Attempt> attempts = clients.attempts();
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(6);
        assertThat(attempts)
                .as("every DHCP exchange of the client during the rollout")
                .allSatisfy(a -> assertThat(a.exitCode()).as(a.output()).isZero());

        List<ConsumerRecord<String, String>> records;
        try (TopicReader audit = new TopicReader("127.0.0.1:" + brokerPort, "dhcp.audit")) {
            records = audit.readFrom(auditFrom);
        }
        List<String> types = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            assertThat(header(r, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(r, "ce_source")).isNotBlank();
            assertThat(header(r, "ce_id")).isNotBlank();
            String type = header(r, "ce_type").replace("dk.npflan.netbox-dhcpd.", "");
            JsonNode value = JSON.readTree(r.value());
            types.add(type.equals("rollout.step.completed") ? value.path("step").asText() : type);
            if (type.equals("config.rendered")) {
                assertThat(value.toString()).contains(ADDED_SUBNET);
            }
        }
        assertThat(types)
                .containsSubsequence(
                        "reconcile.started",
                        "config.rendered",
                        "publish",
                        "restart-secondary",
                        "restart-primary",
                        "rollout.completed",
                        "reconcile.completed");
    }

    @Test
    @Order(4)
    void killedWhileIdle_nextServeAdoptsThePair_dhcpdAndAUsersDhclientKeepRunning()
            throws Exception {
        Map<String, List<Long>> dhcpdBefore = dhcpdPids();
        Path user = Files.createDirectories(data.resolve("user-dhclient"));
        Attempt userLease = Dhclient.obtain(user);
        assertThat(userLease.exitCode()).as(userLease.output()).isZero();
        // dhclient -1 exits once its forked child holds the lease; the child writes the pid file
        // just after, so an immediate read can find it still empty
        long userDhclient =
                Long.parseLong(
                        await("the user dhclient's pid file")
                                .atMost(Duration.ofSeconds(10))
                                .pollInterval(Duration.ofMillis(100))
                                .until(
                                        () -> readIfPresent(user.resolve("dhclient.pid")),
                                        pid -> pid.matches("\\d+")));
        ClientLoop clients = ClientLoop.start(data);
        long launched;
        long ready;
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> clients.attempts().size() >= 2);
            serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            launched = System.nanoTime();
            serve = launch("serve-adopting.log");
            awaitStartupRollout();
            ready = System.nanoTime();
            int afterRestart = clients.attempts().size();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> clients.attempts().size() >= afterRestart + 2);
        } finally {
            clients.stop();
        }

        List<Attempt> attempts = clients.attempts();
        long failed = attempts.stream().filter(a -> a.exitCode() != 0).count();
        System.out.printf(
                "EmbeddedServeIT adoption: kill -9 and a new serve: %d exchanges, %d failed;"
                        + " launch to pair adopted and ready %.1f s%n",
                attempts.size(), failed, (ready - launched) / 1e9);
        assertThat(Files.readString(log))
                .contains("adopted the local failover pair left running")
                .contains("adopted the client network left running");
        assertThat(Files.readString(log))
                .as(
                        "the adopted pair already runs the inventory: the startup rollout restarts none")
                .contains("compare done already-running")
                .doesNotContain("restart-secondary");
        assertThat(dhcpdPids()).as("dhcpd of both peers, not restarted").isEqualTo(dhcpdBefore);
        assertThat(Files.getPosixFilePermissions(data.resolve("local-pair/pair/secret/token")))
                .as("the agents' token kept for the next serve")
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(ProcessHandle.of(userDhclient).map(ProcessHandle::isAlive))
                .as("the user's dhclient in nbd-client")
                .contains(true);
        assertThat(attempts)
                .as("every DHCP exchange of the client through the kill and the restart")
                .allSatisfy(a -> assertThat(a.exitCode()).as(a.output()).isZero());
        Dhclient.stop(user);
    }

    /** The file's text, stripped; empty while the file does not exist yet. */
    private static String readIfPresent(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file).strip() : "";
    }

    /** The dhcpd PIDs in each peer's namespace. */
    private static Map<String, List<Long>> dhcpdPids() throws IOException, InterruptedException {
        Map<String, List<Long>> pids = new HashMap<>();
        for (String netns : List.of("nbd-local-p", "nbd-local-s")) {
            List<Long> dhcpd = new ArrayList<>();
            for (String pid : run("ip", "netns", "pids", netns).split("\\s+")) {
                Path comm = Path.of("/proc", pid, "comm");
                if (pid.matches("\\d+")
                        && Files.exists(comm)
                        && Files.readString(comm).strip().equals("dhcpd")) {
                    dhcpd.add(Long.parseLong(pid));
                }
            }
            pids.put(netns, dhcpd);
        }
        assertThat(pids.values()).allSatisfy(p -> assertThat(p).hasSize(1));
        return pids;
    }

    @Test
    @Order(5)
    void killedMidRollout_restartedOnItsData_convergesAndTheWebhookIsNotLost() throws Exception {
        String requestId = UUID.randomUUID().toString();
        long auditFrom;
        try (TopicReader audit = new TopicReader("127.0.0.1:" + brokerPort, "dhcp.audit")) {
            auditFrom = audit.endOffset();
        }
        long publishesBefore = count(Files.readString(log), "publish done published");
        addSubnet(data.resolve("inventory.json"), "10.9.10.0/24");
        assertThat(postWebhook(requestId)).isEqualTo(202);
        await("the inventory's rollout published")
                .atMost(Duration.ofMinutes(2))
                .until(
                        () ->
                                count(Files.readString(log), "publish done published")
                                        > publishesBefore);

        serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long launched = System.nanoTime();
        serve = launch("serve-restarted.log");
        awaitStartupRollout();
        long ready = System.nanoTime();

        await("the redelivered webhook reconciled")
                .atMost(Duration.ofMinutes(2))
                .until(() -> completedFor(requestId, auditFrom));
        long reconciled = System.nanoTime();
        System.out.printf(
                "EmbeddedServeIT kill mid-rollout: launch to startup rollout done %.1f s, to the"
                        + " redelivered webhook's reconcile completed %.1f s (quiet period 3 s"
                        + " included)%n",
                (ready - launched) / 1e9, (reconciled - launched) / 1e9);
        assertThat(Duration.ofNanos(reconciled - ready))
                .as(
                        "the static member rejoins with the killed one's id: its event comes with"
                                + " the first join, not after the dead session's 45 s")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(preview().path("verdict").asText())
                .as("the published config is what the edited inventory renders")
                .isEqualTo("unchanged");
        assertThat(Files.readString(log)).contains("the inventory file");
    }

    @Test
    @Order(6)
    void sigterm_stopsServeAndRemovesThePairTheRelayAndTheNamespaces() throws Exception {
        serve.destroy();
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as(tail()).isTrue();

        assertThat(run("ip", "netns", "list"))
                .doesNotContain("nbd-local-")
                .doesNotContain("nbd-client");
        assertThat(run("ip", "-o", "link")).doesNotContain("nbd-local-");
        assertThat(Path.of("/etc/netns/nbd-client")).doesNotExist();
        assertThat(run("pgrep", "-a", "dhcpd|dhcrelay")).doesNotContain("nbd-local");
        assertThat(Files.readString(log)).contains("stopped the local failover pair");
        assertThat(data.resolve("local-pair/pair")).doesNotExist();
        assertThat(Files.readString(data.resolve("serve.log")))
                .as("the kills left the pair behind for the next serve")
                .doesNotContain("stopped the local failover pair");
    }

    /** Whether a {@code reconcile.completed} since {@code from} names {@code requestId}. */
    private static boolean completedFor(String requestId, long from) throws IOException {
        try (TopicReader audit = new TopicReader("127.0.0.1:" + brokerPort, "dhcp.audit")) {
            for (ConsumerRecord<String, String> r : audit.readFrom(from)) {
                if (header(r, "ce_type").endsWith(".reconcile.completed")
                        && r.value().contains(requestId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int postWebhook(String requestId) throws IOException, InterruptedException {
        byte[] body =
                ("{\"event\": \"updated\", \"timestamp\": \"2026-12-01T08:00:00.000000+00:00\","
                                + " \"object_type\": \"ipam.prefix\", \"username\": \"it\","
                                + " \"request_id\": \""
                                + requestId
                                + "\", \"data\": {\"id\": 9001, \"prefix\": \"198.18.100.0/24\"},"
                                + " \"snapshots\": {\"prechange\": null, \"postchange\": null}}")
                        .getBytes(StandardCharsets.UTF_8);
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + httpPort + "/webhooks/netbox"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("X-Hook-Signature", new SignatureVerifier(SECRET).signHex(body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode preview() throws IOException, InterruptedException {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + httpPort + "/preview"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static long count(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).count();
    }

    /** Whether both peers run {@code hash}, are normal/normal and ready. */
    private static boolean pairRuns(String hash) throws IOException, InterruptedException {
        if (hash == null || hash.isEmpty() || hash.equals("null")) {
            return false;
        }
        JsonNode peers = status().path("peers");
        if (peers.size() != 2) {
            return false;
        }
        for (JsonNode peer : peers) {
            if (!hash.equals(peer.path("runningHash").asText())
                    || !"normal".equals(peer.path("localState").asText())
                    || !"normal".equals(peer.path("partnerState").asText())
                    || !peer.path("ready").asBoolean()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode status() throws IOException, InterruptedException {
        try {
            HttpResponse<String> response =
                    HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + httpPort + "/status"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? JSON.readTree(response.body())
                    : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode(); // not listening yet
        }
    }

    /** Adds a copy of the first prefix as {@code cidr}, written in place as an editor would. */
    private static void addSubnet(Path inventory, String cidr) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(inventory.toFile());
        ArrayNode prefixes = (ArrayNode) root.path("prefixes");
        ObjectNode added = prefixes.get(0).deepCopy();
        added.put("id", 9902).put("prefix", cidr).put("display", cidr);
        added.put("description", "added by EmbeddedServeIT");
        prefixes.add(added);
        Files.writeString(
                inventory, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String tail() {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 6000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One run of the real dhclient: its exit code, output and how long it took. */
    record Attempt(int exitCode, String output, Duration took) {}

    /** The real ISC dhclient in {@code nbd-client}, with its files in the test's directory. */
    static final class Dhclient {

        /**
         * {@code dhclient -1 -v eth0}: one lease (or exit 2), then stopped without a release
         * ({@code -x}) so that the next attempt is a fresh exchange for the same address.
         */
        static Attempt lease(Path dir) throws IOException, InterruptedException {
            Attempt attempt = obtain(dir);
            stop(dir);
            return attempt;
        }

        /** {@code dhclient -1 -v eth0}: one lease (or exit 2); the client keeps running. */
        static Attempt obtain(Path dir) throws IOException, InterruptedException {
            Path conf = dir.resolve("dhclient.conf");
            if (!Files.exists(conf)) {
                Files.writeString(
                        conf,
                        "timeout 20;\nretry 1;\ninitial-interval 1;\nrequest subnet-mask, routers;\n");
            }
            long started = System.nanoTime();
            Process process =
                    new ProcessBuilder(command(dir, "-1", "-v")).redirectErrorStream(true).start();
            String out =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = process.waitFor(40, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            return new Attempt(ended ? process.exitValue() : -1, out, took);
        }

        /** {@code dhclient -x}: stops the running client without a release. */
        static void stop(Path dir) throws IOException, InterruptedException {
            run(command(dir, "-x").toArray(String[]::new));
        }

        private static List<String> command(Path dir, String... options) {
            List<String> command =
                    new ArrayList<>(List.of("ip", "netns", "exec", CLIENT_NETNS, "dhclient"));
            command.addAll(List.of(options));
            command.addAll(
                    List.of(
                            "-cf",
                            dir.resolve("dhclient.conf").toString(),
                            "-lf",
                            dir.resolve("dhclient.leases").toString(),
                            "-pf",
                            dir.resolve("dhclient.pid").toString(),
                            "eth0"));
            return command;
        }
    }

    /** {@link Dhclient#lease} again and again on a thread of its own, until stopped. */
    static final class ClientLoop {

        private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private ClientLoop(Path dir) {
            thread =
                    new Thread(
                            () -> {
                                while (running.get()) {
                                    try {
                                        attempts.add(Dhclient.lease(dir));
                                    } catch (IOException e) {
                                        attempts.add(new Attempt(-2, e.toString(), Duration.ZERO));
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                }
                            },
                            "dhclient-loop");
        }

        static ClientLoop start(Path dir) {
            ClientLoop loop = new ClientLoop(dir);
            loop.thread.start();
            return loop;
        }

        List<Attempt> attempts() {
            return List.copyOf(attempts);
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(Duration.ofSeconds(60).toMillis());
        }
    }
}
