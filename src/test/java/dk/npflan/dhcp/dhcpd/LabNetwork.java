package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The network of a local failover pair: one namespace per peer, each with a veth leg on a bridge in
 * a third namespace, and one leg in the root namespace (the test JVM cannot enter a namespace, so
 * that is how tests reach the peers). Every name starts with {@code prefix}, so labs of different
 * tests (all run under the lab lock) never clean up each other's leftovers.
 *
 * @param prefix start of every namespace, interface and temp dir name, e.g. {@code nbd-pair-}
 * @param lan the peers' subnet: primary .1, secondary .2, the root namespace .254
 */
public record LabNetwork(String prefix, Ipv4Network lan) {

    public String netns(FailoverPairLab.Role role) {
        return prefix + role.tag();
    }

    /** The interface name inside the peer's namespace (its bridge leg is this + "b"). */
    public String interfaceName(FailoverPairLab.Role role) {
        return prefix + role.tag();
    }

    public Ipv4Address address(FailoverPairLab.Role role) {
        return lan.host(role.host());
    }

    public Ipv4Address hostAddress() {
        return lan.host(254);
    }

    private String lanNetns() {
        return prefix + "lan";
    }

    private String bridge() {
        return prefix + "br";
    }

    private String hostVeth() {
        return prefix + "h";
    }

    /** Creates namespaces, bridge and veths. */
    public void create() {
        HostCommand.require("ip", "netns", "add", lanNetns());
        HostCommand.require("ip", "-n", lanNetns(), "link", "add", bridge(), "type", "bridge");
        HostCommand.require("ip", "-n", lanNetns(), "link", "set", bridge(), "up");
        for (FailoverPairLab.Role role : FailoverPairLab.Role.values()) {
            HostCommand.require("ip", "netns", "add", netns(role));
            HostCommand.require("ip", "-n", netns(role), "link", "set", "lo", "up");
            attach(interfaceName(role), netns(role), address(role));
        }
        attach(hostVeth(), null, hostAddress());
    }

    /** Deletes what {@link #create} made (processes still inside keep running: stop them first). */
    public void remove() {
        for (FailoverPairLab.Role role : FailoverPairLab.Role.values()) {
            HostCommand.run("ip", "netns", "del", netns(role));
        }
        HostCommand.run("ip", "netns", "del", lanNetns());
        HostCommand.run("ip", "link", "del", hostVeth());
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
        HostCommand.run("ip", "link", "del", hostVeth());
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            dirs.filter(dir -> dir.getFileName().toString().startsWith(prefix))
                    .forEach(LabNetwork::deleteTree);
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

    public static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files only; nothing else to do
        }
    }
}
