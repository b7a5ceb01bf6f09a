package dk.npflan.dhcp.command;

import dk.npflan.dhcp.SettingsException;
import dk.npflan.dhcp.broker.BrokerSettings;
import dk.npflan.dhcp.broker.EmbeddedKafkaBroker;
import dk.npflan.dhcp.rollout.local.LocalPairPrerequisites;
import dk.npflan.dhcp.webhook.WebhookSecretGuard;
import dk.npflan.dhcp.webhook.WebhookSettings;
import io.quarkus.runtime.Quarkus;
import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code netbox-dhcpd serve}: runs the service, the only command that boots Quarkus. Before it
 * starts anything it loads the settings and checks the webhook secret and every other configured
 * secret ({@link StartupSecrets}: no placeholder, at least 16 bytes), so a missing or guessable
 * secret or a bad value is one line on stderr within a second, not a stack trace after the broker
 * ran. When neither {@code KAFKA_BOOTSTRAP_SERVERS} nor {@code kafka.bootstrap.servers} is set it
 * then starts an {@link EmbeddedKafkaBroker} ({@link BrokerSettings}), so the first run needs
 * nothing but a JDK, and applies the rest of the embedded run ({@link EmbeddedRun}: the inventory
 * file, the local pair as the target) as system properties before Quarkus boots.
 *
 * <p>Messages before Quarkus boots go straight to stderr: JBoss logging holds records back until
 * Quarkus configures it, and a process that exits before that would print nothing.
 *
 * <p>The broker is closed after Quarkus has stopped, also on SIGTERM (from a shutdown hook), so it
 * shuts down cleanly and the next start skips log recovery.
 */
@Command(
        name = "serve",
        description = {
            "Run the service: NetBox webhook intake onto Kafka, reconciles (render, validate, roll"
                    + " out to netbox-dhcpd.rollout.target), audit, /status and the status page /."
                    + " Needs NETBOX_WEBHOOK_SECRET.",
            "Without KAFKA_BOOTSTRAP_SERVERS it does the whole job on this machine: an embedded"
                    + " broker on 127.0.0.1, the inventory file for NetBox when NETBOX_URL is unset"
                    + " (a sample on first run), and as root a local dhcpd failover pair as the target"
                    + " (a Kea HA pair with NETBOX_DHCPD_BACKEND=kea),"
                    + " with DHCP clients in the network namespace nbd-client.",
            "Exit 0 after a stop, 1 when it cannot start, 2 on a bad setting."
        })
public final class ServeCommand extends Subcommand {

    /** How long the shutdown hook waits for Quarkus to stop before it closes the broker anyway. */
    private static final long QUARKUS_STOP_WAIT_SECONDS = 30;

    /** Everything {@code serve} reads before Quarkus boots, loaded (and checked) once. */
    private static final Class<?>[] SETTINGS =
            Stream.of(
                            Stream.of(WebhookSettings.class, BrokerSettings.class),
                            Stream.of(EmbeddedRun.MAPPINGS),
                            StartupSecrets.SERVE_MAPPINGS.stream())
                    .flatMap(s -> s)
                    .distinct()
                    .toArray(Class<?>[]::new);

    @Override
    protected ServeOutcome run(CommandContext context) {
        PrintWriter err = context.err();
        SmallRyeConfig config;
        try {
            config = context.settings(SETTINGS);
        } catch (SettingsException e) {
            err.println("error: " + e.getMessage());
            return ServeOutcome.SETTINGS_INVALID;
        }
        WebhookSettings webhook = config.getConfigMapping(WebhookSettings.class);
        BrokerSettings brokerSettings = config.getConfigMapping(BrokerSettings.class);
        Optional<String> refusal =
                WebhookSecretGuard.problem(webhook).or(() -> StartupSecrets.serve(config));
        if (refusal.isPresent()) {
            err.println("error: " + refusal.get());
            return ServeOutcome.FAILED;
        }
        boolean embeddedBroker =
                isBlank(context.environment().get("KAFKA_BOOTSTRAP_SERVERS"))
                        && isBlank(System.getProperty("kafka.bootstrap.servers"));
        EmbeddedRun embedded =
                EmbeddedRun.plan(
                        config,
                        embeddedBroker,
                        LocalPairPrerequisites.missing(EmbeddedRun.pairServer(config)));
        if (embedded.refusal().isPresent()) {
            err.println("error: " + embedded.refusal().get());
            return ServeOutcome.FAILED;
        }
        embedded.properties().forEach(System::setProperty);
        EmbeddedKafkaBroker broker = null;
        if (embeddedBroker) {
            broker =
                    new EmbeddedKafkaBroker(
                            brokerSettings.dataDir(),
                            brokerSettings.port(),
                            brokerSettings.controllerPort());
            long startedAt = System.nanoTime();
            Optional<String> failure = start(broker);
            long startMillis = (System.nanoTime() - startedAt) / 1_000_000;
            if (failure.isPresent()) {
                err.println("error: " + failure.get());
                broker.close();
                return ServeOutcome.FAILED;
            }
            System.setProperty("kafka.bootstrap.servers", broker.bootstrapServers());
            err.println(
                    "KAFKA_BOOTSTRAP_SERVERS is not set: started an embedded single-node Kafka broker on "
                            + broker.bootstrapServers()
                            + " (data in "
                            + broker.dataDir()
                            + ", started in "
                            + startMillis
                            + " ms). For production, set KAFKA_BOOTSTRAP_SERVERS to your Kafka cluster.");
            err.flush();
        }
        embedded.notes().forEach(note -> err.println("netbox-dhcpd: " + note));
        err.flush();
        CountDownLatch quarkusStopped = new CountDownLatch(1);
        Thread closer = broker == null ? null : closeAfter(quarkusStopped, broker);
        try {
            return runQuarkus(err) == 0 ? ServeOutcome.STOPPED : ServeOutcome.FAILED;
        } finally {
            quarkusStopped.countDown();
            if (broker != null) {
                broker.close();
                removeHook(closer);
            }
        }
    }

    /**
     * Runs Quarkus until it stops; returns its exit code instead of exiting the JVM. With an exit
     * handler of our own Quarkus does not print why it failed to start, so this does.
     */
    private static int runQuarkus(PrintWriter err) {
        AtomicInteger exitCode = new AtomicInteger();
        Quarkus.run(
                null,
                (code, failure) -> {
                    exitCode.set(code);
                    if (failure != null) {
                        err.println("error: " + startFailure(failure));
                        err.flush();
                    }
                });
        return exitCode.get();
    }

    /** One line for a failed start; a taken HTTP port names the setting that moves it. */
    static String startFailure(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return "the HTTP port is in use ("
                        + t.getMessage()
                        + "): stop whatever holds it,"
                        + " or set quarkus.http.port (QUARKUS_HTTP_PORT)";
            }
            root = t;
        }
        return "the service did not start: " + root;
    }

    private static Optional<String> start(EmbeddedKafkaBroker broker) {
        quietKafkaLogging();
        try {
            broker.start();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            return Optional.of("the embedded Kafka broker did not start: " + e);
        }
    }

    /**
     * On SIGTERM the JVM runs its shutdown hooks and halts when they are done, so the main thread
     * cannot be relied on to close the broker: this hook closes it once Quarkus has stopped.
     */
    private static Thread closeAfter(CountDownLatch quarkusStopped, EmbeddedKafkaBroker broker) {
        Thread hook =
                new Thread(
                        () -> {
                            try {
                                quarkusStopped.await(QUARKUS_STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            broker.close();
                        },
                        "embedded-broker-close");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or done, it closes the broker too
        }
    }

    /** Quarkus applies its log levels only once it boots; the broker starts before that. */
    private static void quietKafkaLogging() {
        for (String category : new String[] {"kafka", "org.apache.kafka", "state.change.logger"}) {
            Logger.getLogger(category).setLevel(Level.WARNING);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
