package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a pod and the embedded pair start it: {@code bin/netbox-dhcpd agent}, i.e. {@code
 * java -jar quarkus-run.jar agent} from the packaged app (failsafe runs after {@code package}). Its
 * log must reach stdout; before {@link AgentConsoleLog} it printed nothing at all, because JBoss
 * LogManager held every record back for a Quarkus boot that the agent never makes. No bundle is
 * mounted, so no dhcpd is started: the agent waits for one and serves its API.
 */
class PackagedAgentLogIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TempDir Path dir;

    @Test
    void packagedAgent_logsItsStartWaitAndShutdown_onStdout() throws Exception {
        int port = freePort();
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Path out = dir.resolve("stdout");
        ProcessBuilder builder =
                new ProcessBuilder(ROOT.resolve("bin/netbox-dhcpd").toString(), "agent")
                        .directory(dir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(dir.resolve("stderr").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment()
                .putAll(
                        Map.of(
                                "NETBOX_DHCPD_AGENT_ROLE", "primary",
                                "NETBOX_DHCPD_AGENT_PORT", Integer.toString(port),
                                "NETBOX_DHCPD_AGENT_BIND_ADDRESS", "127.0.0.1",
                                "NETBOX_DHCPD_AGENT_CONFIG_DIR", bundle.toString(),
                                "NETBOX_DHCPD_AGENT_TOKEN_FILE", secret("token"),
                                "NETBOX_DHCPD_OMAPI_KEY_FILE", omapiKey(),
                                "NETBOX_DHCPD_DHCPD_INTERFACE", "lo",
                                "NETBOX_DHCPD_DHCPD_LEASE_FILE",
                                        dir.resolve("dhcpd.leases").toString()));
        Process agent = builder.start();
        try {
            await("the agent's start and wait on stdout")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("the agent exited", () -> !agent.isAlive())
                    .until(() -> read(out).contains("no complete bundle in " + bundle));
            assertThat(read(out))
                    .containsPattern(
                            "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} INFO "
                                    + " \\[dk\\.npflan\\.dhcp\\.agent\\.AgentLauncher\\] \\(main\\)"
                                    + " agent \\S+ \\(primary, dhcpd\\): bundle "
                                    + bundle
                                    + ", API on 127\\.0\\.0\\.1:"
                                    + port)
                    .contains("WARN  [dk.npflan.dhcp.agent.DhcpdWatchdog]")
                    .doesNotContain("DEBUG");
        } finally {
            agent.destroy();
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(read(out)).contains("shutting down: stopping dhcpd");
    }

    private String secret(String name) throws IOException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Files.writeString(dir.resolve(name), Base64.getEncoder().encodeToString(bytes))
                .toString();
    }

    private String omapiKey() throws IOException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Files.writeString(
                        dir.resolve("omapi.key"),
                        "key omapi_key { algorithm hmac-sha256; secret \""
                                + Base64.getEncoder().encodeToString(bytes)
                                + "\"; };\n")
                .toString();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
