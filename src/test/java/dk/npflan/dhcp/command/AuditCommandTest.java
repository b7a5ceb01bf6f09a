package dk.npflan.dhcp.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.kafka.KafkaTestBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@code audit} against the real in-JVM test broker: CloudEvents written in Kafka binary mode (as
 * the service writes them) to a topic of each test's own, read back through the real command line.
 */
@Tag("slow")
class AuditCommandTest {

    private static final String HASH =
            "9d8c7b6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa998877665544";
    private static final ObjectMapper JSON = new ObjectMapper();

    private String topic;
    private KafkaProducer<String, String> producer;
    private final AtomicInteger sequence = new AtomicInteger();

    @BeforeEach
    void producer(TestInfo test) {
        topic =
                "audit-test-"
                        + test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KafkaTestBroker.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        new StringSerializer());
    }

    @AfterEach
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Writes one CloudEvent (binary mode) of a reconcile {@code r-1}; waits for the ack. */
    private void write(String type, String subject, String time, String data) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, "r-1", data);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", "r-1-" + sequence.incrementAndGet());
        header(record, "ce_source", "urn:netbox-dhcpd:test");
        header(record, "ce_type", "dk.npflan.netbox-dhcpd." + type);
        if (subject != null) {
            header(record, "ce_subject", subject);
        }
        header(record, "ce_time", time);
        header(record, "content-type", "application/json");
        producer.send(record).get();
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A reconcile as the service writes it: started, rendered, one step, completed. */
    private void writeReconcile() throws Exception {
        String correlation =
                "\"reconcileId\":\"r-1\",\"netboxRequestIds\":[\"req-7\"],"
                        + "\"netboxUsers\":[\"alice\"]";
        write(
                "reconcile.started",
                null,
                "2026-05-01T10:00:00Z",
                "{\"trigger\":\"webhook\",\"force\":false,\"events\":1," + correlation + "}");
        write(
                "config.rendered",
                HASH,
                "2026-05-01T10:00:01Z",
                "{\"subnets\":3,\"pools\":2,\"reports\":0,\"added\":[\"10.1.9.0/24\"],"
                        + "\"removed\":[],\"changed\":[],"
                        + correlation
                        + "}");
        write(
                "rollout.step.completed",
                HASH,
                "2026-05-01T10:00:02Z",
                "{\"step\":\"publish\",\"outcome\":\"done\",\"durationMillis\":15,"
                        + "\"rolloutId\":\"ro-1\","
                        + correlation
                        + "}");
        write(
                "reconcile.completed",
                HASH,
                "2026-05-01T10:00:09Z",
                "{\"outcome\":\"rolled-out\",\"trigger\":\"webhook\",\"events\":1,"
                        + "\"durationMillis\":9000,\"message\":\"\","
                        + correlation
                        + "}");
    }

    private CommandRun audit(String... args) {
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "audit",
                                "--bootstrap-servers",
                                KafkaTestBroker.bootstrapServers(),
                                "--topic",
                                topic));
        all.addAll(List.of(args));
        return CommandRun.of(all.toArray(String[]::new));
    }

    @Test
    void fromBeginning_oneLinePerEventWithTypeHashAndSummary_exitZero() throws Exception {
        writeReconcile();

        CommandRun run = audit("--from-beginning");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines())
                .containsExactly(
                        "2026-05-01T10:00:00Z reconcile.started      -            trigger=webhook"
                                + " events=1 requests=[req-7]",
                        "2026-05-01T10:00:01Z config.rendered        9d8c7b6a5f4e subnets=3"
                                + " pools=2 reports=0 added=[10.1.9.0/24] removed=[] changed=[]",
                        "2026-05-01T10:00:02Z rollout.step.completed 9d8c7b6a5f4e step=publish"
                                + " outcome=done took=15ms",
                        "2026-05-01T10:00:09Z reconcile.completed    9d8c7b6a5f4e trigger=webhook"
                                + " outcome=rolled-out events=1 took=9000ms requests=[req-7]");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void json_oneCloudEventObjectPerLine_attributesKeyAndData() throws Exception {
        writeReconcile();

        CommandRun run = audit("--from-beginning", "--json");

        assertThat(run.code()).as(run.err()).isZero();
        List<JsonNode> events = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            events.add(JSON.readTree(line));
        }
        assertThat(events)
                .extracting(e -> e.path("type").asText())
                .containsExactly(
                        "dk.npflan.netbox-dhcpd.reconcile.started",
                        "dk.npflan.netbox-dhcpd.config.rendered",
                        "dk.npflan.netbox-dhcpd.rollout.step.completed",
                        "dk.npflan.netbox-dhcpd.reconcile.completed");
        assertThat(events)
                .allSatisfy(
                        e -> {
                            assertThat(e.path("specversion").asText()).isEqualTo("1.0");
                            assertThat(e.path("source").asText())
                                    .isEqualTo("urn:netbox-dhcpd:test");
                            assertThat(e.path("id").asText()).startsWith("r-1-");
                            assertThat(e.path("datacontenttype").asText())
                                    .isEqualTo("application/json");
                            assertThat(e.path("partitionkey").asText()).isEqualTo("r-1");
                            assertThat(e.path("data").path("reconcileId").asText())
                                    .isEqualTo("r-1");
                        });
        assertThat(events.get(0).has("subject")).isFalse();
        assertThat(events.get(1).path("subject").asText()).isEqualTo(HASH);
        assertThat(events.get(1).path("time").asText()).isEqualTo("2026-05-01T10:00:01Z");
        assertThat(events.get(1).path("data").path("added").get(0).asText())
                .isEqualTo("10.1.9.0/24");
    }

    @Test
    void withoutFromBeginning_recordsAlreadyThereNotPrinted_hintOnStderr_exitZero()
            throws Exception {
        writeReconcile();

        CommandRun run = audit();

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no new records on " + topic).contains("--from-beginning");
    }

    @Test
    void follow_printsWhatIsWrittenAfterItStarted_untilInterrupted_exitZero() throws Exception {
        write("reconcile.started", null, "2026-05-01T10:00:00Z", "{\"trigger\":\"old\"}");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] code = {-1};
        Thread following =
                new Thread(
                        () ->
                                code[0] =
                                        NetboxDhcpdCommand.execute(
                                                Map.of(),
                                                Map.of(),
                                                new PrintWriter(out),
                                                new PrintWriter(err),
                                                "audit",
                                                "--bootstrap-servers",
                                                KafkaTestBroker.bootstrapServers(),
                                                "--topic",
                                                topic,
                                                "-f"),
                        "audit-follow-test");
        following.start();
        try {
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(err.toString()).contains("following " + topic));

            write("reconcile.started", null, "2026-05-01T10:05:00Z", "{\"trigger\":\"new\"}");
            write("reconcile.started", null, "2026-05-01T10:06:00Z", "{\"trigger\":\"newer\"}");

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(out.toString().lines()).hasSize(2));
        } finally {
            following.interrupt();
            following.join(Duration.ofSeconds(10).toMillis());
        }
        assertThat(following.isAlive()).isFalse();
        assertThat(code[0]).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("trigger=new")
                .contains("trigger=newer")
                .doesNotContain("trigger=old");
    }

    @Test
    void followFromBeginning_printsTheOldOnesFirst() throws Exception {
        write("reconcile.started", null, "2026-05-01T10:00:00Z", "{\"trigger\":\"old\"}");
        StringWriter out = new StringWriter();
        Thread following =
                new Thread(
                        () ->
                                NetboxDhcpdCommand.execute(
                                        Map.of(),
                                        Map.of(),
                                        new PrintWriter(out),
                                        new PrintWriter(new StringWriter()),
                                        "audit",
                                        "--bootstrap-servers",
                                        KafkaTestBroker.bootstrapServers(),
                                        "--topic",
                                        topic,
                                        "--from-beginning",
                                        "--follow"),
                        "audit-follow-test");
        following.start();
        try {
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(out.toString()).contains("trigger=old"));
            write("reconcile.started", null, "2026-05-01T10:05:00Z", "{\"trigger\":\"new\"}");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(out.toString()).contains("trigger=new"));
        } finally {
            following.interrupt();
            following.join(Duration.ofSeconds(10).toMillis());
        }
        assertThat(out.toString().lines()).hasSize(2);
    }

    @Test
    void topicThatDoesNotExist_nothingPrinted_exitZero_andTheTopicIsNotCreated() throws Exception {
        CommandRun run = audit("--from-beginning");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("topic " + topic + " does not exist");
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KafkaTestBroker.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    @Test
    void closedPort_exitOneNamingTheAddressServeAndKafkaBootstrapServers() throws Exception {
        int closed = closedPort();

        CommandRun run =
                CommandRun.of(
                        "audit",
                        "--bootstrap-servers",
                        "127.0.0.1:" + closed,
                        "--timeout-seconds",
                        "2");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines())
                .singleElement()
                .asString()
                .startsWith("audit: no answer from the Kafka broker at 127.0.0.1:" + closed)
                .contains("within 2 s")
                .contains("netbox-dhcpd serve")
                .contains("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void noBootstrapOption_embeddedBrokerPortFromTheSettings_isWhereItLooks() throws Exception {
        int closed = closedPort();

        CommandRun run =
                CommandRun.of(
                        Map.of("netbox-dhcpd.broker.port", String.valueOf(closed)),
                        "audit",
                        "--timeout-seconds",
                        "1");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("127.0.0.1:" + closed);
    }

    @Test
    void defaults_kafkaBootstrapServersWhenSet_elseEmbeddedBroker_topicFromTheServiceSettings() {
        AuditCommand command = new AuditCommand();

        AuditCommand.Request embedded = command.request(CommandRun.context(Map.of()));
        AuditCommand.Request external =
                command.request(
                        CommandRun.context(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9092")));
        AuditCommand.Request port =
                command.request(CommandRun.context(Map.of("NETBOX_DHCPD_BROKER_PORT", "19092")));

        assertThat(embedded.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(embedded.topic()).isEqualTo("dhcp.audit");
        assertThat(embedded.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(embedded.fromBeginning()).isFalse();
        assertThat(embedded.follow()).isFalse();
        assertThat(external.bootstrapServers()).isEqualTo("kafka-0:9092");
        assertThat(port.bootstrapServers()).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void usageAndSettingsErrors_exitTwo() {
        CommandRun timeout = CommandRun.of("audit", "--timeout-seconds", "0");
        CommandRun unknown = CommandRun.of("audit", "--tail");
        CommandRun badPort = CommandRun.of(Map.of("netbox-dhcpd.broker.port", "90000"), "audit");
        CommandRun badAddress =
                CommandRun.of(
                        "audit", "--bootstrap-servers", "no-port-here", "--timeout-seconds", "1");

        assertThat(timeout.code()).isEqualTo(2);
        assertThat(timeout.err())
                .contains("--timeout-seconds")
                .contains("Usage: netbox-dhcpd audit");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--tail'");
        assertThat(badPort.code()).isEqualTo(2);
        assertThat(badPort.err())
                .startsWith("audit: netbox-dhcpd.broker.port (NETBOX_DHCPD_BROKER_PORT): ");
        assertThat(badAddress.code()).isEqualTo(2);
        assertThat(badAddress.err()).contains("--bootstrap-servers no-port-here");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
