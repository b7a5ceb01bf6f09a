package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.rollout.local.PairNetwork;
import java.nio.file.Path;

/**
 * The network of a lab failover pair in the labs' role type: {@link PairNetwork} (main sources, the
 * local pair's network) under a lab prefix. Every name starts with {@code prefix}, so labs of
 * different tests (all run under the lab lock) never clean up each other's leftovers.
 *
 * @param prefix start of every namespace, interface and temp dir name, e.g. {@code nbd-pair-}
 * @param lan the peers' subnet: primary .1, secondary .2, the root namespace .254
 */
public record LabNetwork(String prefix, Ipv4Network lan) {

    private PairNetwork network() {
        return new PairNetwork(prefix, lan);
    }

    private static PeerRole peerRole(FailoverPairLab.Role role) {
        return role == FailoverPairLab.Role.PRIMARY ? PeerRole.PRIMARY : PeerRole.SECONDARY;
    }

    public String netns(FailoverPairLab.Role role) {
        return network().netns(peerRole(role));
    }

    /** The interface name inside the peer's namespace (its bridge leg is this + "b"). */
    public String interfaceName(FailoverPairLab.Role role) {
        return network().interfaceName(peerRole(role));
    }

    public Ipv4Address address(FailoverPairLab.Role role) {
        return network().address(peerRole(role));
    }

    public Ipv4Address hostAddress() {
        return network().hostAddress();
    }

    /** Creates namespaces, bridge and veths. */
    public void create() {
        network().create();
    }

    /** Deletes what {@link #create} made (processes still inside keep running: stop them first). */
    public void remove() {
        network().remove();
    }

    /**
     * Kills what an interrupted run left in this prefix's namespaces, deletes them and its dirs.
     */
    public void removeStale() {
        network().removeStale();
    }

    /** SIGKILLs every process inside {@code netns}. */
    public static void killProcessesIn(String netns) {
        PairNetwork.killProcessesIn(netns);
    }

    public static void deleteTree(Path root) {
        PairNetwork.deleteTree(root);
    }
}
