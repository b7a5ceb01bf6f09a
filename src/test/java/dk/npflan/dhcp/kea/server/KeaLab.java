package dk.npflan.dhcp.kea.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.kea.KeaSettings;
import dk.npflan.dhcp.kea.control.KeaControlClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * A real kea-dhcp4 in a test's temp directory: configs as JSON trees (socket, memfile leases, run
 * directory all inside it), serving on {@code lo} with UDP sockets and a free high port, so no
 * network namespace and no port 67 are needed. Also the generator of the benchmark configs.
 */
final class KeaLab {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path KEA_DHCP4 = Path.of("/usr/sbin/kea-dhcp4");
    static final Path KEA_CTRL_AGENT = Path.of("/usr/sbin/kea-ctrl-agent");
    static final String HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks/";

    final Path dir;
    final Path socket;
    final Path configFile;
    final KeaSettings settings;

    KeaLab(Path dir) {
        this.dir = dir;
        this.socket = dir.resolve("kea4.sock");
        this.configFile = dir.resolve("kea-dhcp4.conf");
        this.settings =
                CommandConfiguration.load(
                                Map.of("netbox-dhcpd.kea.control-socket", socket.toString()),
                                KeaSettings.class)
                        .getConfigMapping(KeaSettings.class);
    }

    /** The value of {@code Dhcp4}: lo over UDP, this lab's socket and lease file, no subnets. */
    ObjectNode dhcp4() {
        ObjectNode dhcp4 = JSON.createObjectNode();
        ObjectNode interfaces = dhcp4.putObject("interfaces-config");
        interfaces.putArray("interfaces").add("lo");
        interfaces.put("dhcp-socket-type", "udp");
        dhcp4.putObject("control-socket")
                .put("socket-type", "unix")
                .put("socket-name", socket.toString());
        dhcp4.putObject("lease-database")
                .put("type", "memfile")
                .put("persist", true)
                .put("name", dir.resolve("leases4.csv").toString())
                .put("lfc-interval", 0);
        dhcp4.put("valid-lifetime", 600);
        dhcp4.putArray("subnet4");
        ObjectNode logger = dhcp4.putArray("loggers").addObject();
        logger.put("name", "kea-dhcp4").put("severity", "INFO");
        logger.putArray("output_options").addObject().put("output", "stdout");
        return dhcp4;
    }

    /** Adds subnet {@code 10.<id/256>.<id%256>.0/24} with pool .10–.{@code 9+poolSize}. */
    static ObjectNode withSubnet(ObjectNode dhcp4, int id, int poolSize) {
        String net = "10." + (id / 256) + "." + (id % 256) + ".";
        ObjectNode subnet = ((ArrayNode) dhcp4.get("subnet4")).addObject();
        subnet.put("id", id).put("subnet", net + "0/24");
        subnet.putArray("pools").addObject().put("pool", net + "10 - " + net + (9 + poolSize));
        return dhcp4;
    }

    static String prefix(int id) {
        return "10." + (id / 256) + "." + (id % 256) + ".0/24";
    }

    /** Adds the lease_cmds and HA hooks, hot-standby, this server primary, the partner absent. */
    static ObjectNode withHaPartnerAbsent(ObjectNode dhcp4, String thisServer, int partnerPort) {
        ArrayNode hooks = dhcp4.putArray("hooks-libraries");
        hooks.addObject().put("library", HOOKS + "libdhcp_lease_cmds.so");
        ObjectNode ha =
                hooks.addObject()
                        .put("library", HOOKS + "libdhcp_ha.so")
                        .putObject("parameters")
                        .putArray("high-availability")
                        .addObject();
        ha.put("this-server-name", thisServer)
                .put("mode", "hot-standby")
                .put("heartbeat-delay", 500)
                .put("max-response-delay", 1000)
                .put("max-ack-delay", 1000)
                .put("max-unacked-clients", 0);
        ArrayNode peers = ha.putArray("peers");
        peers.addObject()
                .put("name", "primary")
                .put("url", "http://127.0.0.1:" + freeTcpPort() + "/")
                .put("role", "primary");
        peers.addObject()
                .put("name", "standby")
                .put("url", "http://127.0.0.1:" + partnerPort + "/")
                .put("role", "standby");
        return dhcp4;
    }

    /** Writes {@code {"Dhcp4": dhcp4}} as the config file. */
    void writeConfig(ObjectNode dhcp4) {
        ObjectNode root = JSON.createObjectNode();
        root.set("Dhcp4", dhcp4);
        try {
            Files.write(configFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    KeaServer server() {
        return new KeaServer(
                KEA_DHCP4,
                configFile,
                Optional.of(freeUdpPort()),
                dir.resolve("run"),
                KeaControlClient.from(settings),
                settings.server().startTimeout(),
                settings.server().stopTimeout(),
                settings.server().logLinesKept(),
                Clock.systemUTC());
    }

    static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
