package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.dhcpd.FailoverPairLab;
import dk.npflan.dhcp.dhcpd.FailoverPairLab.Role;
import dk.npflan.dhcp.dhcpd.HostCommand;
import dk.npflan.dhcp.dhcpd.LabNetwork;
import dk.npflan.dhcp.dhcpd.PairLabConfig;
import dk.npflan.dhcp.rollout.local.ChildProcess;
import dk.npflan.dhcp.rollout.local.ShutdownCleanup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Two real agents, each a child JVM running {@code netbox-dhcpd agent} inside its peer's network
 * namespace ({@code ip netns exec}), supervising a real dhcpd failover pair, with their HTTP API
 * reachable from the test through the lab's root-namespace leg. Per peer there is a mounted bundle
 * directory (what the ConfigMap projects), a persistent lease file, and {@code
 * /etc/netns/<ns>/dhcp}: {@code ip netns exec} bind-mounts it over {@code /etc/dhcp} for the agent
 * and its dhcpd, so both peers run the same bundle with the same absolute include paths, as pods
 * do. The network is {@link LabNetwork} with prefix {@code nbd-agent-} on 198.18.79.0/24 (its own
 * addresses, so a leftover {@code nbd-pair-} lab cannot collide with it).
 */
final class AgentPairLab implements AutoCloseable {

    static final String PREFIX = "nbd-agent-";
    static final Ipv4Network LAN = Ipv4Network.of("198.18.79.0/24");
    static final Ipv4Network PROBE_SUBNET = Ipv4Network.of("198.18.80.0/27");
    static final String KEY_NAME = "nbd_agent_omapi";
    static final int AGENT_PORT = 8067;
    static final LabNetwork NETWORK = new LabNetwork(PREFIX, LAN);
    private static final Path NETNS_ETC = Path.of("/etc/netns");

    private final Path root;
    private final Path keyFile;
    private final Path tokenFile;
    private final String secret;
    private final String token;
    private final PairLabConfig.Values values;
    private final Map<String, String> settings;
    private final Map<Role, AgentProcess> agents = new EnumMap<>(Role.class);
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ShutdownCleanup cleanup = new ShutdownCleanup(PREFIX + "cleanup", this::cleanUp);

    /** One agent JVM. */
    record AgentProcess(Role role, Process process, Path log) {}

    /** An HTTP answer of an agent. */
    record Answer(int status, String contentType, String body) {}

    private AgentPairLab(Path root, int mcltSeconds, Map<String, String> settings)
            throws IOException {
        this.root = root;
        this.keyFile = root.resolve("secret/omapi.key");
        this.tokenFile = root.resolve("secret/token");
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        this.secret = Base64.getEncoder().encodeToString(raw);
        byte[] rawToken = new byte[24];
        new SecureRandom().nextBytes(rawToken);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(rawToken);
        this.settings = settings;
        Files.createDirectories(keyFile.getParent());
        // the Secret may name the key differently; the agent renders it under dhcpd.conf's name
        Files.writeString(
                keyFile,
                "key \"from-the-secret\" {\n  algorithm hmac-md5;\n  secret \""
                        + secret
                        + "\";\n};\n");
        Files.writeString(tokenFile, token + "\n");
        this.values =
                new PairLabConfig.Values(
                        FailoverPairLab.PEER_NAME,
                        KEY_NAME,
                        keyFile,
                        FailoverPairLab.OMAPI_PORT,
                        mcltSeconds,
                        LAN,
                        PROBE_SUBNET,
                        NETWORK.address(Role.PRIMARY),
                        NETWORK.address(Role.SECONDARY));
    }

    /**
     * Network, files and the first bundle in both mounted dirs; no agent started yet.
     *
     * @param settings agent settings for both agents ({@code netbox-dhcpd.agent.*} etc.)
     */
    static AgentPairLab create(int mcltSeconds, Map<String, String> settings) throws IOException {
        NETWORK.removeStale();
        removeStaleEtc();
        AgentPairLab lab =
                new AgentPairLab(Files.createTempDirectory(PREFIX), mcltSeconds, settings);
        lab.cleanup.register();
        try {
            NETWORK.create();
            for (Role role : Role.values()) {
                Files.createDirectories(lab.etcDhcp(role));
                Files.createDirectories(lab.bundleDir(role));
            }
            lab.mount(lab.render(Map.of()));
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /** Renders a bundle with the production include paths; {@code extra} settings win. */
    RenderedConfig render(Map<String, String> extra) {
        return PairLabConfig.render(values, extra);
    }

    /** Writes {@code bundle} into both peers' mounted dirs (what a ConfigMap update does). */
    void mount(RenderedConfig bundle) throws IOException {
        for (Role role : Role.values()) {
            mount(role, bundle.files());
        }
    }

    /** Writes these files into one peer's mounted dir and returns the hash it now has. */
    String mount(Role role, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(bundleDir(role).resolve(file.getKey()), file.getValue());
        }
        return BundleFiles.read(bundleDir(role)).orElseThrow().sha256();
    }

    String mountedHash(Role role) {
        return BundleFiles.read(bundleDir(role)).orElseThrow().sha256();
    }

    Path bundleDir(Role role) {
        return root.resolve(role.tag() + "/bundle");
    }

    Path leaseFile(Role role) {
        return root.resolve(role.tag() + "/leases/dhcpd.leases");
    }

    /**
     * Removes what the peer's agent kept of the bundle it last ran (its default place beside the
     * lease file), as on a first install; the agent must be stopped.
     */
    void deleteKeptBundle(Role role) throws IOException {
        Path kept = leaseFile(role).resolveSibling("netbox-dhcpd");
        if (Files.exists(kept)) {
            try (var walk = Files.walk(kept)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The peer's private {@code /etc/dhcp}: the agent's run directory as seen from the host. */
    Path etcDhcp(Role role) {
        return NETNS_ETC.resolve(NETWORK.netns(role)).resolve("dhcp");
    }

    String token() {
        return token;
    }

    String omapiSecret() {
        return secret;
    }

    /** Starts the agent JVM for {@code role} inside its namespace. */
    AgentProcess startAgent(Role role) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "ip",
                                "netns",
                                "exec",
                                NETWORK.netns(role),
                                java,
                                // the JVM options bin/netbox-dhcpd gives the agent
                                "-XX:TieredStopAtLevel=1",
                                "-XX:+UseSerialGC",
                                "-Xmx64m",
                                "-Xss512k",
                                "-XX:ReservedCodeCacheSize=32m",
                                "-XX:MaxMetaspaceSize=96m",
                                "-cp",
                                System.getProperty("java.class.path")));
        Map<String, String> properties = new java.util.TreeMap<>();
        properties.put("netbox-dhcpd.agent.role", role.name().toLowerCase(Locale.ROOT));
        properties.put("netbox-dhcpd.agent.config-dir", bundleDir(role).toString());
        properties.put("netbox-dhcpd.agent.token-file", tokenFile.toString());
        properties.put("netbox-dhcpd.omapi.key-file", keyFile.toString());
        properties.put("netbox-dhcpd.dhcpd.interface", NETWORK.interfaceName(role));
        properties.put("netbox-dhcpd.dhcpd.lease-file", leaseFile(role).toString());
        properties.put("netbox-dhcpd.config.probe-subnet.network", PROBE_SUBNET.toString());
        properties.put("netbox-dhcpd.config.omapi.key-name", KEY_NAME);
        properties.put("netbox-dhcpd.config.failover.peer-name", FailoverPairLab.PEER_NAME);
        properties.putAll(settings);
        // extra JVM options for benchmarks, e.g. -Dnbd.agent.jvm-options="-Xmx32m -Xss256k"
        String jvmOptions = System.getProperty("nbd.agent.jvm-options", "").strip();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("dk.npflan.dhcp.Main", "agent"));
        Path log = root.resolve(role.tag() + "/agent-" + System.nanoTime() + ".log");
        Files.createDirectories(log.getParent());
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        AgentProcess agent = new AgentProcess(role, process, log);
        agents.put(role, agent);
        return agent;
    }

    AgentProcess agent(Role role) {
        return agents.get(role);
    }

    /** SIGTERM to the agent JVM, as the kubelet sends it; returns its exit code. */
    int stopAgent(Role role) throws InterruptedException {
        return ChildProcess.stop(agents.remove(role).process(), Duration.ofSeconds(20));
    }

    URI uri(Role role, String path) {
        return URI.create("http://" + NETWORK.address(role) + ":" + AGENT_PORT + path);
    }

    Answer get(Role role, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(role, path)).GET());
    }

    Answer post(Role role, String path, String body, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(role, path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        request.timeout(Duration.ofSeconds(90)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        bodies.add(response.body());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** Every response body any agent sent in this lab, for the secret check. */
    List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** Every agent log written in this lab (agent and dhcpd lines). */
    String logs() throws IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.walk(root)) {
            for (Path log :
                    files.filter(p -> p.getFileName().toString().startsWith("agent-")).toList()) {
                out.append("--- ").append(log).append('\n').append(Files.readString(log));
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        cleanup.close();
    }

    private synchronized void cleanUp() {
        ChildProcess.stopAll(
                agents.values().stream().map(AgentProcess::process).toList(),
                Duration.ofSeconds(10));
        for (Role role : Role.values()) {
            LabNetwork.killProcessesIn(NETWORK.netns(role));
        }
        NETWORK.remove();
        removeStaleEtc();
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "agent-pair-test.log"), logs());
        } catch (IOException e) {
            // diagnostics only
        }
        LabNetwork.deleteTree(root);
    }

    private static void removeStaleEtc() {
        for (Role role : Role.values()) {
            LabNetwork.deleteTree(NETNS_ETC.resolve(NETWORK.netns(role)));
        }
        HostCommand.run("rmdir", NETNS_ETC.toString()); // only when empty
    }
}
