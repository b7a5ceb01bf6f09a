package dk.npflan.dhcp.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's Kea run as a user runs it: {@code NETBOX_DHCPD_BACKEND=kea bin/netbox-dhcpd serve}
 * from the packaged app with nothing else set but the webhook secret and free ports. It must start
 * the local Kea HA pair on the bootstrap bundle the Kea backend renders, roll the sample inventory
 * out to it, so that the real {@code dhclient} in {@code nbd-client} gets a lease through the real
 * {@code dhcrelay}; an inventory edit must reach both Kea peers ({@code /status}: the published
 * hash running on both, both {@code hot-standby}, ready); SIGTERM must leave no namespace behind.
 * The adoption of a pair left running by a killed {@code serve} is the dhcpd run's ({@link
 * EmbeddedServeIT}); a Kea pair is rebuilt.
 */
@Tag("netns")
@Tag("kea")
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedKeaServeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HA_NORMAL = Set.of("hot-standby", "load-balancing");

    private static Path data;
    private static Path log;
    private static Process serve;
    private static int httpPort;

    @BeforeAll
    static void startServeWithKea() throws Exception {
        data = Files.createTempDirectory("kea-pair-serve-it-");
        log = data.resolve("serve.log");
        httpPort = freePort();
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", System.getenv("PATH"));
        if (System.getenv("JAVA_HOME") != null) {
            env.put("JAVA_HOME", System.getenv("JAVA_HOME"));
        }
        env.put("HOME", data.toString());
        env.put("NETBOX_WEBHOOK_SECRET", "embedded-kea-run-test-secret");
        env.put("NETBOX_DHCPD_BACKEND", "kea");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        env.put("NETBOX_DHCPD_BROKER_PORT", Integer.toString(freePort()));
        env.put("NETBOX_DHCPD_BROKER_CONTROLLER_PORT", Integer.toString(freePort()));
        env.put("NETBOX_DHCPD_BROKER_DATA_DIR", data.resolve("kafka").toString());
        env.put("NETBOX_DHCPD_EMBEDDED_DATA_DIR", data.toString());
        ProcessBuilder builder =
                new ProcessBuilder(Path.of("bin/netbox-dhcpd").toAbsolutePath().toString(), "serve")
                        .directory(data.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        serve = builder.start();
        await("the startup rollout to the local Kea pair")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .failFast("serve exited; its log:\n" + logTail(), () -> !serve.isAlive())
                .until(
                        () ->
                                status().path("lastReconcile")
                                                .path("outcome")
                                                .asText()
                                                .equals("rolled-out")
                                        && bothPeersServe(status().path("publishedHash").asText()));
    }

    @AfterAll
    static void stopServe() throws Exception {
        if (serve != null && serve.isAlive()) {
            serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void startup_rendersWithKea_andSaysTheKeaPairIsTheTarget() throws Exception {
        assertThat(Files.readString(log))
                .contains("rollout target: the local Kea HA pair")
                .contains("ip netns exec nbd-client dhclient -1 -v eth0");
        JsonNode last = status().path("lastReconcile");
        assertThat(last.path("trigger").asText()).isEqualTo("startup");
    }

    @Test
    @Order(2)
    void dhclientInNbdClient_getsALeaseFromTheKeaPairThroughTheRelay() throws Exception {
        EmbeddedServeIT.Attempt attempt = EmbeddedServeIT.Dhclient.lease(data);

        assertThat(attempt.exitCode()).as(attempt.output()).isZero();
        assertThat(attempt.output()).containsPattern("bound to 198\\.18\\.100\\.1\\d\\d");
    }

    @Test
    @Order(3)
    void inventoryFileGainsASubnet_bothKeaPeersRunThePublishedHash() throws Exception {
        String before = status().path("publishedHash").asText();
        Path inventory = data.resolve("inventory.json");
        ObjectNode root = (ObjectNode) JSON.readTree(inventory.toFile());
        ArrayNode prefixes = (ArrayNode) root.path("prefixes");
        ObjectNode added = prefixes.get(0).deepCopy();
        added.put("id", 9911).put("prefix", "10.9.19.0/24").put("display", "10.9.19.0/24");
        prefixes.add(added);
        Files.writeString(inventory, JSON.writeValueAsString(root));

        await("the edit on both Kea peers")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .failFast("serve exited; its log:\n" + logTail(), () -> !serve.isAlive())
                .until(
                        () -> {
                            JsonNode status = status();
                            String hash = status.path("publishedHash").asText(before);
                            return !hash.equals(before)
                                    && bothPeersServe(hash)
                                    && status.path("lastReconcile")
                                            .path("trigger")
                                            .asText()
                                            .equals("inventory_file");
                        });
        assertThat(status().path("lastReconcile").path("outcome").asText()).isEqualTo("rolled-out");
        assertThat(EmbeddedServeIT.Dhclient.lease(data).exitCode()).isZero();
    }

    @Test
    @Order(4)
    void sigterm_removesTheKeaPairTheRelayAndEveryNamespace() throws Exception {
        serve.destroy();

        assertThat(serve.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String namespaces = EmbeddedServeIT.run("ip", "netns", "list");
        assertThat(namespaces).doesNotContain("nbd-local-").doesNotContain("nbd-client");
        assertThat(EmbeddedServeIT.run("pgrep", "-af", "kea-"))
                .as("no Kea daemon of this run is left")
                .doesNotContain(data.toString());
    }

    /** Both peers run {@code hash}, are in their HA normal state as both see it, and ready. */
    private static boolean bothPeersServe(String hash) throws IOException {
        JsonNode peers = status().path("peers");
        if (hash.isEmpty() || peers.size() != 2) {
            return false;
        }
        for (JsonNode peer : peers) {
            if (!hash.equals(peer.path("runningHash").asText())
                    || !HA_NORMAL.contains(peer.path("localState").asText())
                    || !HA_NORMAL.contains(peer.path("partnerState").asText())
                    || !peer.path("ready").asBoolean()) {
                return false;
            }
        }
        return true;
    }

    /** serve's {@code /status} as the console reads it; empty while it does not answer. */
    private static JsonNode status() throws IOException {
        try {
            return JSON.readTree(
                    new ServeClient(URI.create("http://127.0.0.1:" + httpPort)).statusJson());
        } catch (ServeClient.Unreachable e) {
            return JSON.createObjectNode();
        }
    }

    private static String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
