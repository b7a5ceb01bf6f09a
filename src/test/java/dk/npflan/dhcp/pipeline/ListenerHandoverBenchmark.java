package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.kafka.KafkaTestBroker;
import dk.npflan.dhcp.rollout.local.SelfLaunch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How long the {@code netbox.events} partition, and the event a killed listener had not finished,
 * take to reach the next listener after a {@code kill -9}: listener processes ({@link Member}, a
 * plain consumer with the channel's group settings that never commits, as a reconcile in progress)
 * on the test kit's broker, one partition as in production. Per membership setting, two cases: the
 * killed listener restarted under the same instance id (a container restarted in its pod, or {@code
 * serve} started again), and a second replica already in the group taking over (the pod gone for
 * good). Prints markdown rows. Run:
 *
 * <pre>
 * src/bench/listener-handover/run.sh [rounds] [static|dynamic]
 * </pre>
 */
public final class ListenerHandoverBenchmark {

    /** Kafka's defaults: what the listener ran with before static membership. */
    static final Membership DYNAMIC = new Membership("dynamic, session 45 s", false, 45_000);

    /** What application.properties sets now. */
    static final Membership STATIC = new Membership("static, session 10 s", true, 10_000);

    record Membership(String name, boolean staticIds, int sessionTimeoutMs) {}

    private ListenerHandoverBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Membership> memberships =
                args.length > 1 && args[1].equals("static")
                        ? List.of(STATIC)
                        : args.length > 1 && args[1].equals("dynamic")
                                ? List.of(DYNAMIC)
                                : List.of(STATIC, DYNAMIC);
        String bootstrap = KafkaTestBroker.bootstrapServers();
        System.out.println("| membership | case | round | kill → event at the next listener |");
        System.out.println("|---|---|---|---|");
        for (Membership membership : memberships) {
            for (int round = 1; round <= rounds; round++) {
                System.out.printf(
                        "| %s | killed one restarted (same id when static) | %d | %s |%n",
                        membership.name(), round, restarted(bootstrap, membership));
                System.out.printf(
                        "| %s | other replica takes over | %d | %s |%n",
                        membership.name(), round, otherReplica(bootstrap, membership));
                System.out.flush();
            }
        }
        System.exit(0);
    }

    /** Kill the listener holding the event, start it again under its id: time to the event. */
    private static String restarted(String bootstrap, Membership membership) throws Exception {
        String topic = topic(bootstrap);
        String group = "handover-" + UUID.randomUUID();
        Listener first = Listener.start(bootstrap, topic, group, "listener-0", membership);
        String event = send(bootstrap, topic);
        if (first.awaitEvent(event, Duration.ofSeconds(60)).isEmpty()) {
            first.kill();
            return "first listener never got the event";
        }
        long killed = first.kill();
        Listener next = Listener.start(bootstrap, topic, group, "listener-0", membership);
        try {
            return took(next.awaitEvent(event, Duration.ofSeconds(90)), killed, next.started);
        } finally {
            next.kill();
        }
    }

    /** Two listeners; kill the one holding the event: time until the other has it. */
    private static String otherReplica(String bootstrap, Membership membership) throws Exception {
        String topic = topic(bootstrap);
        String group = "handover-" + UUID.randomUUID();
        Listener a = Listener.start(bootstrap, topic, group, "listener-0", membership);
        Listener b = Listener.start(bootstrap, topic, group, "listener-1", membership);
        try {
            // both in the group before the event, as two running replicas are
            Thread.sleep(8_000);
            String event = send(bootstrap, topic);
            Listener holder = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (holder == null && System.nanoTime() < deadline) {
                if (a.awaitEvent(event, Duration.ofMillis(100)).isPresent()) {
                    holder = a;
                } else if (b.awaitEvent(event, Duration.ofMillis(100)).isPresent()) {
                    holder = b;
                }
            }
            if (holder == null) {
                return "no listener got the event";
            }
            Listener other = holder == a ? b : a;
            long killed = holder.kill();
            return took(other.awaitEvent(event, Duration.ofSeconds(90)), killed, killed);
        } finally {
            a.kill();
            b.kill();
        }
    }

    private static String took(Optional<Long> receivedAt, long killed, long started) {
        if (receivedAt.isEmpty()) {
            return "not within 90 s";
        }
        String total = String.format("%.1f s", (receivedAt.get() - killed) / 1e9);
        return started == killed
                ? total
                : total
                        + String.format(
                                " (of which process start → event %.1f s)",
                                (receivedAt.get() - started) / 1e9);
    }

    private static String topic(String bootstrap) throws Exception {
        String topic = "handover-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return topic;
    }

    private static String send(String bootstrap, String topic) throws Exception {
        String event = "event-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", bootstrap),
                        new StringSerializer(),
                        new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "ipam.prefix:1", event)).get();
        }
        return event;
    }

    /** A {@link Member} process and the events it reports, with when they arrived here. */
    private static final class Listener {

        private final Process process;
        private final long started;
        private final BlockingQueue<Map.Entry<String, Long>> received = new LinkedBlockingQueue<>();

        private Listener(Process process, long started) {
            this.process = process;
            this.started = started;
            Thread reader =
                    new Thread(
                            () -> {
                                try (BufferedReader lines =
                                        new BufferedReader(
                                                new InputStreamReader(
                                                        process.getInputStream(),
                                                        StandardCharsets.UTF_8))) {
                                    String line;
                                    while ((line = lines.readLine()) != null) {
                                        if (line.startsWith("RECEIVED ")) {
                                            received.add(
                                                    Map.entry(
                                                            line.substring(9), System.nanoTime()));
                                        }
                                    }
                                } catch (IOException e) {
                                    // the process was killed
                                }
                            },
                            "listener-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Listener start(
                String bootstrap, String topic, String group, String id, Membership membership)
                throws IOException {
            List<String> arguments =
                    List.of(
                            bootstrap,
                            topic,
                            group,
                            membership.staticIds() ? id : "-",
                            Integer.toString(membership.sessionTimeoutMs()));
            List<String> command =
                    SelfLaunch.current(Member.class.getName())
                            .command(
                                    List.of("-Xmx64m", "-XX:TieredStopAtLevel=1"),
                                    Map.of(),
                                    arguments);
            long started = System.nanoTime();
            return new Listener(
                    new ProcessBuilder(command)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start(),
                    started);
        }

        /** When {@code event} reached this listener, if it did within {@code wait}. */
        Optional<Long> awaitEvent(String event, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            List<Map.Entry<String, Long>> seen = new ArrayList<>();
            try {
                while (true) {
                    long left = deadline - System.nanoTime();
                    Map.Entry<String, Long> next =
                            left <= 0 ? received.poll() : received.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        return Optional.empty();
                    }
                    seen.add(next);
                    if (next.getKey().equals(event)) {
                        return Optional.of(next.getValue());
                    }
                }
            } finally {
                received.addAll(seen);
            }
        }

        /** {@code kill -9}; returns when it was sent. */
        long kill() throws InterruptedException {
            long at = System.nanoTime();
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            return at;
        }
    }

    /**
     * One listener: the channel's consumer settings (group, earliest, no auto-commit, the
     * membership under test), printing each record it receives and committing none.
     */
    public static final class Member {

        private Member() {}

        public static void main(String[] args) {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, args[2]);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            if (!args[3].equals("-")) {
                config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, args[3]);
            }
            config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, args[4]);
            config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
            Properties quiet = new Properties();
            quiet.putAll(config);
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(
                            quiet, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(args[1]));
                while (true) {
                    for (ConsumerRecord<String, String> record :
                            consumer.poll(Duration.ofMillis(100))) {
                        System.out.println("RECEIVED " + record.value());
                        System.out.flush();
                    }
                }
            }
        }
    }
}
