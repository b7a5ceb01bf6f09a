package dk.npflan.dhcp.omapi;

import static org.awaitility.Awaitility.await;

import dk.npflan.dhcp.rollout.local.ChildProcess;
import dk.npflan.dhcp.rollout.local.ShutdownCleanup;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real dhcpd 4.4.3, alone as failover primary, in its own network namespace, with OMAPI on. Tests
 * reach its OMAPI port over a veth pair: the JVM cannot enter a namespace, and running dhcpd in the
 * root namespace would bind UDP 67 and OMAPI next to everyone else's processes. The veth carries a
 * /29 out of 198.51.100.0/24 (TEST-NET-2), picked at random among those without a route yet so that
 * parallel runs do not collide: host side +1, dhcpd +2, the partner +3 exists nowhere, pool +4..+6
 * (+4 holds a lease). Everything it creates (namespace, veth, temp dir) is named {@code
 * nbd-omapi-*} and removed in {@link #close()} and by a shutdown hook.
 */
final class LoneDhcpdPeer implements AutoCloseable {

    static final String PEER = "failover-partner";
    static final String KEY_NAME = "omapi_key";
    private static final String NETWORK_PREFIX = "198.51.100.";
    static final int OMAPI_PORT = 7911;

    private final String suffix =
            HexFormat.of().toHexDigits((byte) new SecureRandom().nextInt())
                    + Integer.toHexString(new SecureRandom().nextInt(16));
    final String netns = "nbd-omapi-" + suffix;
    private final String hostVeth = "nbd-omapi-h" + suffix;
    private final String dhcpdVeth = "nbd-omapi-n" + suffix;
    final Path dir;
    final Path keyFile;
    final Path log;
    private final String secret;
    private final OmapiKeyAlgorithm algorithm;
    private final int block;
    final String hostAddress;
    final String dhcpdAddress;
    final String partnerAddress;
    final String leasedAddress;
    private final ShutdownCleanup cleanup = new ShutdownCleanup("nbd-omapi-cleanup", this::cleanUp);
    private Process dhcpd;

    private LoneDhcpdPeer(OmapiKeyAlgorithm algorithm) throws IOException {
        this.algorithm = algorithm;
        this.block = freeBlock();
        hostAddress = NETWORK_PREFIX + (block + 1);
        dhcpdAddress = NETWORK_PREFIX + (block + 2);
        partnerAddress = NETWORK_PREFIX + (block + 3);
        leasedAddress = NETWORK_PREFIX + (block + 4);
        dir = Files.createTempDirectory("nbd-omapi-");
        keyFile = dir.resolve("omapi.key");
        log = dir.resolve("dhcpd.log");
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        secret = Base64.getEncoder().encodeToString(raw);
    }

    /** {@link #start(OmapiKeyAlgorithm)} with an hmac-md5 key, as our configs use. */
    static LoneDhcpdPeer start() throws Exception {
        return start(OmapiKeyAlgorithm.HMAC_MD5);
    }

    /** Creates namespace and veth, writes config, seeded lease file and key file, starts dhcpd. */
    static LoneDhcpdPeer start(OmapiKeyAlgorithm algorithm) throws Exception {
        LoneDhcpdPeer peer = new LoneDhcpdPeer(algorithm);
        peer.cleanup.register();
        try {
            peer.createNetwork();
            peer.writeFiles();
            peer.startDhcpd();
        } catch (Exception | AssertionError e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    private void createNetwork() throws IOException, InterruptedException {
        run("ip", "netns", "add", netns);
        run("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", dhcpdVeth);
        run("ip", "link", "set", dhcpdVeth, "netns", netns);
        run("ip", "addr", "add", hostAddress + "/29", "dev", hostVeth);
        run("ip", "link", "set", hostVeth, "up");
        run("ip", "-n", netns, "addr", "add", dhcpdAddress + "/29", "dev", dhcpdVeth);
        run("ip", "-n", netns, "link", "set", dhcpdVeth, "up");
        run("ip", "-n", netns, "link", "set", "lo", "up");
    }

    private void writeFiles() throws IOException {
        Files.writeString(dir.resolve("dhcpd.conf"), fill(resource("lone-peer.conf")));
        Files.writeString(dir.resolve("dhcpd.leases"), fill(resource("lone-peer.leases")));
        Files.writeString(
                keyFile,
                "key "
                        + KEY_NAME
                        + " {\n  algorithm "
                        + algorithm.dhcpdName()
                        + ";\n  secret \""
                        + secret
                        + "\";\n};\n");
    }

    private String fill(String template) {
        return template.replace("@OMAPI_PORT@", String.valueOf(OMAPI_PORT))
                .replace("@KEY_NAME@", KEY_NAME)
                .replace("@SECRET@", secret)
                .replace("@ALGORITHM@", algorithm.dhcpdName())
                .replace("@PEER@", PEER)
                .replace("@OWN_ADDRESS@", dhcpdAddress)
                .replace("@PARTNER_ADDRESS@", partnerAddress)
                .replace("@SUBNET@", NETWORK_PREFIX + block)
                .replace("@RANGE_START@", leasedAddress)
                .replace("@RANGE_END@", NETWORK_PREFIX + (block + 6))
                .replace("@LEASED_ADDRESS@", leasedAddress);
    }

    private void startDhcpd() {
        ProcessBuilder builder =
                new ProcessBuilder(
                                "ip",
                                "netns",
                                "exec",
                                netns,
                                "/usr/sbin/dhcpd",
                                "-4",
                                "-f",
                                "-d",
                                "-cf",
                                dir.resolve("dhcpd.conf").toString(),
                                "-lf",
                                dir.resolve("dhcpd.leases").toString(),
                                "--no-pid",
                                dhcpdVeth)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        try {
            dhcpd = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dhcpd", e);
        }
        await("OMAPI port of dhcpd in " + netns)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> {
                            if (!dhcpd.isAlive()) {
                                throw new IllegalStateException(
                                        "dhcpd exited with "
                                                + dhcpd.exitValue()
                                                + ":\n"
                                                + logText());
                            }
                            try (Socket s = new Socket()) {
                                s.connect(new InetSocketAddress(dhcpdAddress, OMAPI_PORT), 200);
                                return true;
                            } catch (IOException e) {
                                return false;
                            }
                        });
    }

    OmapiKey key() throws OmapiException {
        return OmapiKeyFileParser.read(keyFile);
    }

    OmapiClient connect() throws OmapiException {
        return OmapiClient.connect(dhcpdAddress, OMAPI_PORT, key(), OmapiTimeouts.DEFAULT);
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Runs a command inside the namespace and returns its output (for omshell cross-checks). */
    String execInNamespace(String stdin, String... command)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return out;
    }

    /** Sends a signal (e.g. {@code STOP}, {@code CONT}) to the dhcpd process. */
    void signal(String signal) throws IOException, InterruptedException {
        run("kill", "-" + signal, String.valueOf(dhcpd.pid()));
    }

    String secret() {
        return secret;
    }

    @Override
    public void close() {
        cleanup.close();
    }

    private synchronized void cleanUp() {
        if (dhcpd != null) {
            ChildProcess.stopAll(List.of(dhcpd), Duration.ofSeconds(5));
        }
        quietly("ip", "netns", "del", netns);
        quietly("ip", "link", "del", hostVeth);
        quietly("rm", "-rf", "--", dir.toString());
    }

    /**
     * A /29 block of 198.51.100.0/24 (not the first) that has no route in the root namespace yet.
     */
    private static int freeBlock() throws IOException {
        String routes;
        try {
            Process p =
                    new ProcessBuilder("ip", "-4", "route", "show", "table", "all")
                            .redirectErrorStream(true)
                            .start();
            routes = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing routes", e);
        }
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 100; attempt++) {
            int block = 8 * (1 + random.nextInt(31));
            if (!routes.contains(NETWORK_PREFIX + block + "/29")) {
                return block;
            }
        }
        throw new IOException("no free /29 in " + NETWORK_PREFIX + "0/24");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LoneDhcpdPeer.class.getResourceAsStream("/omapi/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /omapi/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static void quietly(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // best effort: the object may already be gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
