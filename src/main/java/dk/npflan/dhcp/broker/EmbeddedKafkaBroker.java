package dk.npflan.dhcp.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) inside this JVM, bound to
 * loopback only. {@code netbox-dhcpd serve} starts one when no {@code KAFKA_BOOTSTRAP_SERVERS} is
 * given, so a first run needs no Docker and no cluster. The data directory is formatted once and
 * reused, so events survive a restart of the service. Not for production: one replica, no security.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    public EmbeddedKafkaBroker(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Formats the data directory on first use, then starts the broker; returns once it serves
     * clients.
     */
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        requireFree(port);
        requireFree(controllerPort);
        Files.createDirectories(dataDir);
        Properties properties = serverProperties();
        Path propertiesFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propertiesFile)) {
            properties.store(out, "written by netbox-dhcpd for its embedded broker");
        }
        if (!Files.exists(logDir().resolve("meta.properties"))) {
            format(propertiesFile);
        }
        KafkaRaftServer raftServer =
                new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        raftServer.startup();
        server = raftServer;
    }

    /** Stops the broker; the data directory is kept for the next start. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private Path logDir() {
        return dataDir.resolve("kraft-combined-logs");
    }

    private Properties serverProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.setProperty(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir().toString());
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("num.partitions", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.cleaner.dedupe.buffer.size", "2097152");
        // After an unclean stop the restarted node may register again only once the controller
        // has expired its previous registration: the broker session timeout (9 s by default) was
        // the ~10 s extra of a restart on kept data. One local node needs no slack for GC pauses
        // or network blips, so expire it sooner. A clean close() avoids the wait altogether
        // (the clean-shutdown file carries the broker epoch, KIP-966).
        p.setProperty("broker.session.timeout.ms", "2000");
        p.setProperty("broker.heartbeat.interval.ms", "500");
        return p;
    }

    private static void format(Path propertiesFile) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {
            "format",
            "--standalone",
            "--ignore-formatted",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            propertiesFile.toString()
        };
        int rc;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(args, print);
        }
        if (rc != 0) {
            throw new IOException(
                    "formatting the embedded Kafka data directory failed: "
                            + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private static void requireFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException inUse) {
            throw new IOException(
                    "127.0.0.1:"
                            + port
                            + " is in use, so the embedded Kafka broker cannot start. Stop whatever"
                            + " holds it, set KAFKA_BOOTSTRAP_SERVERS to use an existing broker, or"
                            + " move the embedded one (NETBOX_DHCPD_BROKER_PORT,"
                            + " NETBOX_DHCPD_BROKER_CONTROLLER_PORT).",
                    inUse);
        }
    }
}
