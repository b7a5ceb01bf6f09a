package dk.npflan.dhcp.rollout.local;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The network of a failover pair on one machine: one namespace per peer, each with a veth leg on a
 * bridge in a third namespace, and one leg in the root namespace (a JVM cannot enter a namespace,
 * so that is how this process reaches the agents and plays the relay). Every name starts with
 * {@code prefix}, so pairs of different prefixes never clean up each other's leftovers.
 *
 * @param prefix start of every namespace, interface and temp dir name, e.g. {@code nbd-local-}
 * @param lan the peers' subnet: primary .1, secondary .2, the root namespace .254
 */
public record PairNetwork(String prefix, Ipv4Network lan) {

    /** Short name of the side: the end of its namespace and interface names. */
    public static String tag(PeerRole role) {
        return role == PeerRole.PRIMARY ? "p" : "s";
    }

    public String netns(PeerRole role) {
        return prefix + tag(role);
    }

    /** The interface name inside the peer's namespace (its bridge leg is this + "b"). */
    public String interfaceName(PeerRole role) {
        return prefix + tag(role);
    }

    public Ipv4Address address(PeerRole role) {
        return lan.host(role == PeerRole.PRIMARY ? 1 : 2);
    }

    /** The root namespace's address on the LAN: where relayed answers are routed through. */
    public Ipv4Address hostAddress() {
        return lan.host(254);
    }

    /** The root namespace's leg. */
    public String hostInterface() {
        return prefix + "h";
    }

    private String lanNetns() {
        return prefix + "lan";
    }

    private String bridge() {
        return prefix + "br";
    }

    /** Creates namespaces, bridge and veths. */
    public void create() {
        HostCommand.require("ip", "netns", "add", lanNetns());
        HostCommand.require("ip", "-n", lanNetns(), "link", "add", bridge(), "type", "bridge");
        HostCommand.require("ip", "-n", lanNetns(), "link", "set", bridge(), "up");
        for (PeerRole role : PeerRole.values()) {
            HostCommand.require("ip", "netns", "add", netns(role));
            HostCommand.require("ip", "-n", netns(role), "link", "set", "lo", "up");
            attach(interfaceName(role), netns(role), address(role));
        }
        attach(hostInterface(), null, hostAddress());
    }

    /**
     * Makes this process a relay agent for {@code clientSubnet}: its first host address goes onto
     * the root namespace's leg and both peers route the subnet back through that leg, so a request
     * sent with that giaddr is answered to it, as a router running dhcrelay would be.
     *
     * @return the relay address (giaddr) in {@code clientSubnet}
     */
    public Ipv4Address addRelay(Ipv4Network clientSubnet) {
        Ipv4Address relay = clientSubnet.host(1);
        HostCommand.require(
                "ip", "addr", "add", relay + "/" + clientSubnet.length(), "dev", hostInterface());
        for (PeerRole role : PeerRole.values()) {
            HostCommand.require(
                    "ip",
                    "-n",
                    netns(role),
                    "route",
                    "add",
                    clientSubnet.toString(),
                    "via",
                    hostAddress().toString());
        }
        return relay;
    }

    /**
     * Puts another namespace on the LAN: a veth {@code name} in {@code netns} (which must exist) at
     * {@code address}, its other end ({@code name} + "b") on the bridge. Deleting the namespace
     * deletes both ends.
     */
    public void attachNamespace(String netns, String name, Ipv4Address address) {
        attach(name, netns, address);
    }

    /**
     * The name both peers' dhcpd resolve for {@code role} ({@code failover … address} and {@code
     * peer address}): {@code <namespace>.test}, answered by the namespaces' own {@code /etc/hosts}
     * ({@link #hostsFile}), as a pod's FQDN is answered by the kubelet's hosts file and DNS.
     */
    public String peerName(PeerRole role) {
        return netns(role) + ".test";
    }

    /** What {@code /etc/netns/<ns>/hosts} of each peer says: localhost and both peer names. */
    public static String hostsFile(
            PairNetwork network, Ipv4Address primaryAt, Ipv4Address secondaryAt) {
        return "127.0.0.1\tlocalhost\n::1\tlocalhost\n"
                + primaryAt
                + "\t"
                + network.peerName(PeerRole.PRIMARY)
                + "\n"
                + secondaryAt
                + "\t"
                + network.peerName(PeerRole.SECONDARY)
                + "\n";
    }

    /**
     * Moves the peer's interface from {@code from} to {@code to} (same LAN): what a recreated pod
     * gets. The routes of its namespace other than the LAN's own (those {@link #addRelay} and a
     * client network added) are put back, since the kernel drops a route whose gateway the deleted
     * address made reachable.
     */
    public void move(PeerRole role, Ipv4Address from, Ipv4Address to) {
        String ns = netns(role);
        List<String> routes = new ArrayList<>();
        for (String line : HostCommand.require("ip", "-n", ns, "-4", "route", "show").split("\n")) {
            if (line.contains(" via ")) {
                routes.add(line.strip());
            }
        }
        HostCommand.require(
                "ip",
                "-n",
                ns,
                "addr",
                "del",
                from + "/" + lan.length(),
                "dev",
                interfaceName(role));
        HostCommand.require(
                "ip",
                "-n",
                ns,
                "addr",
                "add",
                to + "/" + lan.length(),
                "brd",
                "+",
                "dev",
                interfaceName(role));
        for (String route : routes) {
            List<String> command = new ArrayList<>(List.of("ip", "-n", ns, "route", "replace"));
            command.addAll(List.of(route.split("\\s+")));
            HostCommand.require(command.toArray(String[]::new));
        }
    }

    /** Deletes what {@link #create} made (processes still inside keep running: stop them first). */
    public void remove() {
        for (PeerRole role : PeerRole.values()) {
            HostCommand.run("ip", "netns", "del", netns(role));
        }
        HostCommand.run("ip", "netns", "del", lanNetns());
        HostCommand.run("ip", "link", "del", hostInterface());
    }

    /**
     * Kills whatever still runs in this prefix's namespaces from an interrupted run, then deletes
     * them and such a run's temp directories.
     */
    public void removeStale() {
        for (String line : HostCommand.run("ip", "netns", "list").output().split("\n")) {
            String name = line.split(" ")[0];
            if (name.startsWith(prefix)) {
                killProcessesIn(name);
                HostCommand.run("ip", "netns", "del", name);
            }
        }
        HostCommand.run("ip", "link", "del", hostInterface());
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            dirs.filter(dir -> dir.getFileName().toString().startsWith(prefix))
                    .forEach(PairNetwork::deleteTree);
        } catch (IOException e) {
            // stale temp files only
        }
    }

    /** SIGKILLs every process inside {@code netns}. */
    public static void killProcessesIn(String netns) {
        for (String pid : HostCommand.run("ip", "netns", "pids", netns).output().split("\\s+")) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /**
     * A veth whose one end is {@code name} (in {@code netns}, or the root namespace) and other is
     * on the bridge.
     */
    private void attach(String name, String netns, Ipv4Address address) {
        String bridgeLeg = name + "b";
        HostCommand.require("ip", "link", "add", name, "type", "veth", "peer", "name", bridgeLeg);
        HostCommand.require("ip", "link", "set", bridgeLeg, "netns", lanNetns());
        HostCommand.require("ip", "-n", lanNetns(), "link", "set", bridgeLeg, "master", bridge());
        HostCommand.require("ip", "-n", lanNetns(), "link", "set", bridgeLeg, "up");
        List<String> in = new ArrayList<>(List.of("ip"));
        if (netns != null) {
            HostCommand.require("ip", "link", "set", name, "netns", netns);
            in.addAll(List.of("-n", netns));
        }
        List<String> addAddress = new ArrayList<>(in);
        addAddress.addAll(
                List.of("addr", "add", address + "/" + lan.length(), "brd", "+", "dev", name));
        HostCommand.require(addAddress.toArray(String[]::new));
        List<String> up = new ArrayList<>(in);
        up.addAll(List.of("link", "set", name, "up"));
        HostCommand.require(up.toArray(String[]::new));
    }

    /** Deletes a directory tree, best effort (temp and stale files only). */
    public static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files only; nothing else to do
        }
    }
}
