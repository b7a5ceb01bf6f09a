package dk.npflan.dhcp.command;

import dk.npflan.dhcp.SettingsException;
import dk.npflan.dhcp.broker.BrokerSettings;
import io.smallrye.config.SmallRyeConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netbox-dhcpd audit}: prints the audit topic ({@code dhcp.audit}, CloudEvents in Kafka
 * binary mode) one line per event, so that a fresh machine needs no Kafka CLI to see what the
 * service did. Plain Java without Quarkus, read-only ({@link AuditTopicReader}: no consumer group,
 * no commits, no topic creation). The broker defaults to {@code KAFKA_BOOTSTRAP_SERVERS}, else to
 * the embedded broker of {@code serve} on this machine ({@code
 * 127.0.0.1:netbox-dhcpd.broker.port}); the topic to the service's own {@code
 * mp.messaging.outgoing.dhcp-audit.topic}. Lines are made by {@link AuditLine}. Exit codes follow
 * {@link AuditOutcome}.
 */
@Command(
        name = "audit",
        description = {
            "Print the audit topic (dhcp.audit): one line per CloudEvent, or one JSON object per"
                    + " line with --json.",
            "Exit 0 when printed (also when there is nothing), 1 when the broker does not answer,"
                    + " 2 on a usage or settings error."
        })
public final class AuditCommand extends Subcommand {

    /** The service's property for the audit topic, read so that both agree on the name. */
    static final String TOPIC_PROPERTY = "mp.messaging.outgoing.dhcp-audit.topic";

    static final String DEFAULT_TOPIC = "dhcp.audit";
    static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    static final int DEFAULT_TIMEOUT_SECONDS = 10;

    /** How long Ctrl-C waits for the last lines to be printed before the JVM goes. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description =
                    "Kafka broker(s) (default: KAFKA_BOOTSTRAP_SERVERS, else serve's embedded"
                            + " broker 127.0.0.1:netbox-dhcpd.broker.port, 9092)")
    String bootstrapServers;

    @Option(
            names = "--topic",
            paramLabel = "NAME",
            description = "topic (default: " + TOPIC_PROPERTY + ", " + DEFAULT_TOPIC + ")")
    String topic;

    @Option(
            names = "--from-beginning",
            description = "print the records already on the topic (default: only new ones)")
    boolean fromBeginning;

    @Option(
            names = {"-f", "--follow"},
            description =
                    "keep printing new records until Ctrl-C (default: stop at the end of the"
                            + " topic)")
    boolean follow;

    @Option(
            names = "--json",
            description =
                    "one JSON object per line (the CloudEvent: attributes, partitionkey, data),"
                            + " e.g. for jq")
    boolean json;

    @Option(
            names = "--timeout-seconds",
            paramLabel = "N",
            description =
                    "how long the broker may take to answer, 1-3600 (default: "
                            + DEFAULT_TIMEOUT_SECONDS
                            + ")")
    Integer timeoutSeconds;

    /** The invocation with every default filled in. */
    record Request(
            String bootstrapServers,
            String topic,
            boolean fromBeginning,
            boolean follow,
            boolean json,
            Duration timeout) {}

    @Override
    protected AuditOutcome run(CommandContext context) {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        Request request;
        try {
            request = request(context);
        } catch (SettingsException e) {
            err.println("audit: " + e.getMessage());
            return AuditOutcome.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("audit: " + e.getMessage());
            usage(context);
            return AuditOutcome.USAGE;
        }
        Consumer<AuditEvent> print =
                event -> {
                    out.println(request.json() ? AuditLine.json(event) : AuditLine.human(event));
                    out.flush();
                };
        try (AuditTopicReader reader =
                AuditTopicReader.open(
                        request.bootstrapServers(), request.topic(), request.timeout())) {
            if (request.follow()) {
                followUntilStopped(reader, request, note -> err.println("audit: " + note), print);
                return AuditOutcome.PRINTED;
            }
            AuditTopicReader.Read read = reader.readToEnd(request.fromBeginning(), print);
            if (!read.topicExists()) {
                err.println(
                        "audit: topic "
                                + request.topic()
                                + " does not exist on "
                                + request.bootstrapServers()
                                + ": nothing was audited there yet");
            } else if (read.records() == 0 && !request.fromBeginning()) {
                err.println(
                        "audit: no new records on "
                                + request.topic()
                                + "; --from-beginning prints those already there, --follow waits"
                                + " for new ones");
            }
            return AuditOutcome.PRINTED;
        } catch (AuditTopicReader.Unreachable e) {
            err.println(
                    "audit: "
                            + e.getMessage()
                            + ". Is 'netbox-dhcpd serve' running (its embedded broker)? Otherwise"
                            + " set KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers to your Kafka.");
            return AuditOutcome.BROKER_UNREACHABLE;
        } catch (IllegalArgumentException e) {
            err.println("audit: " + e.getMessage());
            return AuditOutcome.USAGE;
        } finally {
            out.flush();
        }
    }

    /**
     * Follows until this thread is interrupted; Ctrl-C interrupts it from a shutdown hook, which
     * then waits (bounded) until the last line is out and the consumer closed.
     */
    private static void followUntilStopped(
            AuditTopicReader reader,
            Request request,
            Consumer<String> notes,
            Consumer<AuditEvent> print)
            throws AuditTopicReader.Unreachable {
        Thread reading = Thread.currentThread();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            reading.interrupt();
                            try {
                                stopped.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "netbox-dhcpd-audit-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            reader.follow(request.fromBeginning(), notes, print);
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is running and ends with us
            }
        }
    }

    Request request(CommandContext context) {
        SmallRyeConfig config = context.settings(BrokerSettings.class);
        String bootstrap = bootstrapServers;
        if (bootstrap == null || bootstrap.isBlank()) {
            String fromEnv = context.environment().get(BOOTSTRAP_ENV);
            bootstrap =
                    fromEnv != null && !fromEnv.isBlank()
                            ? fromEnv.strip()
                            : "127.0.0.1:" + config.getConfigMapping(BrokerSettings.class).port();
        }
        String name =
                topic != null
                        ? topic
                        : config.getOptionalValue(TOPIC_PROPERTY, String.class)
                                .orElse(DEFAULT_TOPIC);
        if (name.isBlank()) {
            throw new IllegalArgumentException("--topic must not be empty");
        }
        int seconds = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
        if (seconds < 1 || seconds > 3600) {
            throw new IllegalArgumentException(
                    "--timeout-seconds must be a number from 1 to 3600, got " + seconds);
        }
        return new Request(
                bootstrap, name, fromBeginning, follow, json, Duration.ofSeconds(seconds));
    }
}
