package dk.npflan.dhcp.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees: each case starts {@code java … dk.npflan.dhcp.Main <args>} as its own process,
 * with a clean environment, and asserts its real stdout, stderr and exit code.
 */
@Tag("slow")
class NetboxDhcpdProcessTest {

    private static final long BOUND_SECONDS = 60;

    /** A secret serve and agent accept: 32 bytes, no placeholder. */
    private static final String STRONG = "process-test-secret-0123456789ab";

    /** What deploy/base/secrets.yaml shipped for every secret. */
    private static final String PLACEHOLDER = "REPLACE-ME";

    @TempDir Path dir;

    /** A finished process. */
    record Result(int code, String out, String err) {}

    @Test
    void bareInvocation_helpOnStderrExitTwo() throws Exception {
        Result r = main(Map.of());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains("Usage: netbox-dhcpd [-h] <command>")
                .contains("serve")
                .contains("render")
                .contains("failover-state")
                .contains("probe");
    }

    @Test
    void help_helpOnStdoutExitZero() throws Exception {
        Result r = main(Map.of(), "help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: netbox-dhcpd [-h] <command>").contains("Commands:");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void unknownCommand_helpOnStderrExitTwo() throws Exception {
        Result r = main(Map.of(), "frobnicate");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("Unmatched argument at index 0: 'frobnicate'")
                .contains("Usage: netbox-dhcpd");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void everyCommandsHelp_isGeneratedFromItsOptions_exitZero() throws Exception {
        Map<String, List<String>> options =
                Map.of(
                        "render", List.of("--netbox", "--inventory=FILE", "--out=DIR"),
                        "failover-state",
                                List.of(
                                        "--server=HOST",
                                        "--port=PORT",
                                        "--key-file=FILE",
                                        "--peer"),
                        "probe",
                                List.of(
                                        "--netns=NAME",
                                        "--interface=IF",
                                        "--probe-subnet=CIDR",
                                        "--count=N"),
                        "audit",
                                List.of(
                                        "--bootstrap-servers=HOST:PORT",
                                        "--topic=NAME",
                                        "--from-beginning",
                                        "-f, --follow",
                                        "--json"),
                        "serve", List.of("--help"));
        for (Map.Entry<String, List<String>> command : options.entrySet()) {
            Result r = main(Map.of(), command.getKey(), "--help");

            assertThat(r.code()).as(command.getKey()).isZero();
            assertThat(r.out())
                    .as(command.getKey())
                    .contains("Usage: netbox-dhcpd " + command.getKey());
            command.getValue().forEach(o -> assertThat(r.out()).as(command.getKey()).contains(o));
        }
    }

    @Test
    void serveHelp_printsHelpAndDoesNotStartTheService() throws Exception {
        Path data = dir.resolve("kafka");

        Result r = main(Map.of("NETBOX_DHCPD_BROKER_DATA_DIR", data.toString()), "serve", "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: netbox-dhcpd serve").contains("NETBOX_WEBHOOK_SECRET");
        assertThat(r.err()).isEmpty();
        assertThat(data).doesNotExist();
    }

    @Test
    void serveWithoutSecret_oneLineExitOne_beforeTheBrokerStarts() throws Exception {
        Path data = dir.resolve("kafka");

        Result r = main(Map.of("NETBOX_DHCPD_BROKER_DATA_DIR", data.toString()), "serve");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines())
                .singleElement()
                .asString()
                .startsWith("error: NETBOX_WEBHOOK_SECRET is not set.")
                .contains("NETBOX_DHCPD_WEBHOOK_ALLOW_UNSIGNED=true");
        assertThat(data).as("the broker never started").doesNotExist();
    }

    @Test
    void serveWithPlaceholderWebhookSecret_oneLineNamingTheSettingExitOne() throws Exception {
        Path data = dir.resolve("kafka");

        Result r =
                main(
                        Map.of(
                                "NETBOX_WEBHOOK_SECRET",
                                PLACEHOLDER,
                                "NETBOX_DHCPD_BROKER_DATA_DIR",
                                data.toString()),
                        "serve");

        assertThat(r.out()).isEmpty();
        exitOneWithOneLine(r)
                .startsWith(
                        "error: NETBOX_WEBHOOK_SECRET (netbox-dhcpd.webhook.secret) is a known"
                                + " placeholder")
                .doesNotContain(PLACEHOLDER);
        assertThat(data).as("the broker never started").doesNotExist();
    }

    @Test
    void serveWithShortReconcileToken_oneLineNamingTheSettingExitOne() throws Exception {
        Result r =
                main(
                        Map.of(
                                "NETBOX_WEBHOOK_SECRET",
                                STRONG,
                                "NETBOX_DHCPD_RECONCILE_TOKEN",
                                "tok-1234",
                                "NETBOX_DHCPD_BROKER_DATA_DIR",
                                dir.resolve("kafka").toString()),
                        "serve");

        exitOneWithOneLine(r)
                .startsWith(
                        "error: NETBOX_DHCPD_RECONCILE_TOKEN"
                                + " (netbox-dhcpd.pipeline.reconcile-token) is shorter than 16"
                                + " bytes")
                .doesNotContain("tok-1234");
    }

    @Test
    void serveWithPlaceholderAgentTokenFile_oneLineNamingTheSettingExitOne() throws Exception {
        Path token = Files.writeString(dir.resolve("agent-token"), PLACEHOLDER + "\n");

        Result r =
                main(
                        Map.of(
                                "NETBOX_WEBHOOK_SECRET", STRONG,
                                "NETBOX_DHCPD_ROLLOUT_DIRECTORY_AGENT_TOKEN_FILE", token.toString(),
                                "NETBOX_DHCPD_BROKER_DATA_DIR", dir.resolve("kafka").toString()),
                        "serve");

        exitOneWithOneLine(r)
                .startsWith("error: the token in " + token)
                .contains("netbox-dhcpd.rollout.directory.agent-token-file")
                .contains("NETBOX_DHCPD_ROLLOUT_DIRECTORY_AGENT_TOKEN_FILE")
                .contains("is a known placeholder")
                .doesNotContain(PLACEHOLDER);
    }

    @Test
    void agentWithPlaceholderToken_oneLineNamingTheSettingExitOne() throws Exception {
        Result r = agent(PLACEHOLDER + "\n", omapiKey(32));

        exitOneWithOneLine(r)
                .startsWith("netbox-dhcpd agent: cannot start: the token in ")
                .contains("(netbox-dhcpd.agent.token-file, NETBOX_DHCPD_AGENT_TOKEN_FILE)")
                .contains("is a known placeholder")
                .doesNotContain(PLACEHOLDER);
    }

    @Test
    void agentWithTheShippedPlaceholderOmapiKey_oneLineNamingTheSettingExitOne() throws Exception {
        Result r =
                agent(
                        STRONG,
                        "key omapi_key { algorithm hmac-sha256; secret \""
                                + PLACEHOLDER
                                + "\"; };\n");

        exitOneWithOneLine(r)
                .startsWith("netbox-dhcpd agent: cannot start: the OMAPI key in ")
                .contains("(netbox-dhcpd.omapi.key-file, NETBOX_DHCPD_OMAPI_KEY_FILE)")
                .contains("is not a usable key")
                .doesNotContain(PLACEHOLDER);
    }

    @Test
    void agentWithShortOmapiKey_oneLineNamingTheSettingExitOne() throws Exception {
        Result r = agent(STRONG, omapiKey(8));

        exitOneWithOneLine(r)
                .startsWith("netbox-dhcpd agent: cannot start: the OMAPI key in ")
                .contains("is shorter than 16 bytes");
    }

    @Test
    void serveWithBrokerPortInUse_saysWhatToDoExitOne() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Path data = dir.resolve("kafka");

            Result r =
                    main(
                            Map.of(
                                    "NETBOX_WEBHOOK_SECRET", STRONG,
                                    "NETBOX_DHCPD_BROKER_DATA_DIR", data.toString(),
                                    "NETBOX_DHCPD_BROKER_PORT",
                                            String.valueOf(taken.getLocalPort()),
                                    "NETBOX_DHCPD_BROKER_CONTROLLER_PORT",
                                            String.valueOf(freePort())),
                            "serve");

            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err().lines())
                    .singleElement()
                    .asString()
                    .startsWith("error: 127.0.0.1:" + taken.getLocalPort() + " is in use")
                    .contains("KAFKA_BOOTSTRAP_SERVERS")
                    .contains("NETBOX_DHCPD_BROKER_PORT");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void auditWithoutBroker_oneLineNamingTheEmbeddedBrokerAddressExitOne() throws Exception {
        int closed = freePort();

        Result r =
                main(
                        Map.of("NETBOX_DHCPD_BROKER_PORT", String.valueOf(closed)),
                        "audit",
                        "--timeout-seconds",
                        "1");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines())
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .startsWith(
                                                "audit: no answer from the Kafka broker at"
                                                        + " 127.0.0.1:"
                                                        + closed)
                                        .contains("KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(r.err()).as("no Kafka client log").doesNotContain("org.apache.kafka");
    }

    @Test
    void serveWithBadSetting_oneLineNamingPropertyAndEnvVarExitTwo() throws Exception {
        Result r =
                main(
                        Map.of(
                                "NETBOX_WEBHOOK_SECRET",
                                STRONG,
                                "NETBOX_DHCPD_BROKER_PORT",
                                "90000"),
                        "serve");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines())
                .singleElement()
                .asString()
                .startsWith("error: netbox-dhcpd.broker.port (NETBOX_DHCPD_BROKER_PORT): ")
                .contains("90000");
    }

    @Test
    void probeWithBadSetting_oneLineNamingPropertyAndEnvVarExitTwo() throws Exception {
        Result r =
                main(
                        Map.of("NETBOX_DHCPD_CONFIG_PROBE_SUBNET_LEASE_TIME", "a while"),
                        "probe",
                        "--interface",
                        "lo");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().findFirst())
                .hasValueSatisfying(
                        line ->
                                assertThat(line)
                                        .startsWith(
                                                "probe: netbox-dhcpd.config.probe-subnet.lease-time"
                                                        + " (NETBOX_DHCPD_CONFIG_PROBE_SUBNET_LEASE_TIME): "));
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** Exit 1 and exactly one line on stderr, which the caller checks further. */
    private static AbstractStringAssert<?> exitOneWithOneLine(Result r) {
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1);
        return assertThat(r.err().strip());
    }

    /** The agent with this token and OMAPI key file; every other setting valid. */
    private Result agent(String token, String key) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), token);
        Path keyFile = Files.writeString(dir.resolve("omapi.key"), key);
        return main(
                Map.of(
                        "NETBOX_DHCPD_AGENT_ROLE",
                        "primary",
                        "NETBOX_DHCPD_AGENT_TOKEN_FILE",
                        tokenFile.toString(),
                        "NETBOX_DHCPD_OMAPI_KEY_FILE",
                        keyFile.toString(),
                        "NETBOX_DHCPD_DHCPD_INTERFACE",
                        "lo"),
                "agent");
    }

    /** A dhcpd key statement with a random secret of {@code bytes} bytes. */
    private static String omapiKey(int bytes) {
        byte[] secret = new byte[bytes];
        new java.security.SecureRandom().nextBytes(secret);
        return "key omapi_key { algorithm hmac-sha256; secret \""
                + java.util.Base64.getEncoder().encodeToString(secret)
                + "\"; };\n";
    }

    /** Runs Main in its own JVM with only {@code env} (plus PATH) as its environment. */
    private Result main(Map<String, String> env, String... args) throws Exception {
        return run(dir, env, args);
    }

    /** Runs {@code Main args} as a process in {@code dir} with exactly {@code env} (and PATH). */
    static Result run(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-XX:TieredStopAtLevel=1");
        command.add("dk.npflan.dhcp.Main");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = new HashMap<>(env);
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + BOUND_SECONDS + " s: " + command);
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
