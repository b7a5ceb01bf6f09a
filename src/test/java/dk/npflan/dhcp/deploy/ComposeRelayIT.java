package dk.npflan.dhcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.rollout.local.ChildProcess;
import dk.npflan.dhcp.rollout.local.HostCommand;
import dk.npflan.dhcp.rollout.local.ShutdownCleanup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's relay command, run as written in docker-compose.yml, with network namespaces
 * standing in for the containers (no Docker engine here): the peer's namespace has no route back to
 * the client network, as Docker's network isolation leaves it, and the relay's interfaces are named
 * the other way round from what one would guess, as Docker's attach order may. A real {@code
 * dhclient} on the client network must get a lease from a real dhcpd at the primary's address.
 */
@Tag("netns")
@Tag("dhcpd")
@Tag("slow")
class ComposeRelayIT {

    private static final String PREFIX = "nbd-cr-";
    private static final String SERVER = PREFIX + "s";
    private static final String RELAY = PREFIX + "r";
    private static final String CLIENT = PREFIX + "c";
    private static final Path CLIENT_ETC = Path.of("/etc/netns", CLIENT);

    @TempDir Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final ShutdownCleanup cleanup = new ShutdownCleanup(PREFIX + "cleanup", this::cleanUp);

    @AfterEach
    void stop() {
        cleanup.close();
    }

    @Test
    void composeRelayCommand_getsTheClientALease_withoutARouteBackFromThePeer() throws Exception {
        JsonNode compose = DockerComposeSchemaTest.composeFile();
        JsonNode services = compose.path("services");
        JsonNode relayNets = services.path("dhcp-relay").path("networks");
        String up = relayNets.path("dhcp").path("ipv4_address").asText();
        String down = relayNets.path("clients").path("ipv4_address").asText();
        String peer =
                services.path("dhcpd-primary")
                        .path("networks")
                        .path("dhcp")
                        .path("ipv4_address")
                        .asText();
        Ipv4Network serverNetwork =
                Ipv4Network.of(
                        compose.path("networks")
                                .path("dhcp")
                                .path("ipam")
                                .path("config")
                                .get(0)
                                .path("subnet")
                                .asText());
        Ipv4Network clients =
                Ipv4Network.of(
                        compose.path("networks")
                                .path("clients")
                                .path("ipam")
                                .path("config")
                                .get(0)
                                .path("subnet")
                                .asText());
        String script =
                services.path("dhcp-relay").path("command").get(2).asText().replace("$$", "$");
        cleanUp();
        cleanup.register();

        for (String ns : List.of(SERVER, RELAY, CLIENT)) {
            HostCommand.require("ip", "netns", "add", ns);
            HostCommand.require("ip", "-n", ns, "link", "set", "lo", "up");
        }
        // the relay's upstream is eth1 and its downstream eth0: the command must find them by
        // address
        HostCommand.require(
                "ip", "-n", SERVER, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1",
                "netns", RELAY);
        HostCommand.require(
                "ip", "-n", RELAY, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0",
                "netns", CLIENT);
        HostCommand.require(
                "ip",
                "-n",
                SERVER,
                "addr",
                "add",
                peer + "/" + serverNetwork.length(),
                "dev",
                "eth0");
        HostCommand.require(
                "ip", "-n", RELAY, "addr", "add", up + "/" + serverNetwork.length(), "dev", "eth1");
        HostCommand.require(
                "ip",
                "-n",
                RELAY,
                "addr",
                "add",
                down + "/" + clients.length(),
                "brd",
                "+",
                "dev",
                "eth0");
        for (String[] link :
                new String[][] {
                    {SERVER, "eth0"}, {RELAY, "eth0"}, {RELAY, "eth1"}, {CLIENT, "eth0"}
                }) {
            HostCommand.require("ip", "-n", link[0], "link", "set", link[1], "up");
        }
        assertThat(HostCommand.run("ip", "-n", SERVER, "route", "get", down).exitCode())
                .as("no route from the peer back to the client network")
                .isNotZero();

        Path conf =
                Files.writeString(
                        dir.resolve("dhcpd.conf"),
                        "authoritative;\ndefault-lease-time 600;\nsubnet "
                                + serverNetwork.network()
                                + " netmask "
                                + serverNetwork.netmask()
                                + " { }\nsubnet "
                                + clients.network()
                                + " netmask "
                                + clients.netmask()
                                + " { range "
                                + clients.host(100)
                                + " "
                                + clients.host(199)
                                + "; }\n");
        Path leases = Files.createFile(dir.resolve("dhcpd.leases"));
        Path dhcpdLog = dir.resolve("dhcpd.log");
        start(
                dhcpdLog,
                words(
                        "ip netns exec %s /usr/sbin/dhcpd -4 -f -d -cf %s -lf %s --no-pid eth0",
                        SERVER, conf, leases));
        Path relayLog = dir.resolve("relay.log");
        start(relayLog, "ip", "netns", "exec", RELAY, "sh", "-c", script);
        awaitLine(relayLog, "Sending on");

        Files.createDirectories(CLIENT_ETC);
        Files.writeString(CLIENT_ETC.resolve("resolv.conf"), "");
        Path clientLog = dir.resolve("client.log");
        Process client =
                start(
                        clientLog,
                        words(
                                "ip netns exec %s dhclient -4 -1 -v -pf %s -lf %s eth0",
                                CLIENT, dir.resolve("c.pid"), dir.resolve("c.leases")));
        assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.readString(clientLog))
                .as(Files.readString(clientLog))
                .containsPattern(
                        "bound to "
                                + clients.network().toString().replaceAll("\\.0$", "")
                                + "\\.1\\d\\d");
        assertThat(Files.readString(dhcpdLog)).contains("DHCPACK on").contains("via " + up);
        assertThat(Files.readString(relayLog))
                .contains("Adding link selection suboption with addr: " + down);
    }

    private Process start(Path log, String... command) throws Exception {
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        processes.add(process);
        return process;
    }

    /** A command line from a format whose arguments hold no spaces. */
    private static String[] words(String format, Object... args) {
        return String.format(format, args).split(" ");
    }

    private static void awaitLine(Path log, String line) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + line + "' in " + log + ": " + Files.readString(log));
    }

    private void cleanUp() {
        ChildProcess.stopAll(processes, Duration.ofSeconds(2));
        processes.clear();
        for (String ns : List.of(SERVER, RELAY, CLIENT)) {
            HostCommand.run("ip", "netns", "del", ns);
        }
        HostCommand.run("rm", "-rf", CLIENT_ETC.toString());
    }
}
