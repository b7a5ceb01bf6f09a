package dk.npflan.dhcp.rollout.local;

import dk.npflan.dhcp.config.PeerRole;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which DHCP server a {@link LocalPair} runs, and what that changes on one machine: the settings a
 * bundle needs to fit the pair, the agent settings of one peer, the commands the machine must have,
 * and the directories each peer must have to itself. Everything else about the pair (namespaces,
 * agents, token, bundle directories, relay, adoption) is the same for both servers.
 *
 * <p>Kea's rendered config names absolute paths that are the same for both roles (the control
 * socket under {@code /run/kea}, the lease file under {@code /var/lib/kea}), as in pods, where each
 * pod has its own filesystem. On one machine the two peers would share them, so each Kea agent runs
 * in a mount namespace of its own with per-peer directories bind-mounted on those paths ({@link
 * #privateDirs}); the rendered config stays exactly the one production runs, and both peers run one
 * bundle with one hash.
 */
public enum PairServer {

    /** An ISC dhcpd failover pair. */
    DHCPD("dhcpd", List.of(), List.of(LocalPairPrerequisites.Command.DHCPD)) {
        @Override
        Map<String, String> configSettings(PairNetwork network, LocalPair.Layout layout) {
            String p = "netbox-dhcpd.config.";
            // names, as in pods: a peer recreated at another address is found again (and its
            // partner's dhcpd, which resolved it once, is not: the re-pair case)
            String primary = network.peerName(PeerRole.PRIMARY);
            String secondary = network.peerName(PeerRole.SECONDARY);
            return Map.of(
                    p + "failover.peer-name", LocalPair.PEER_NAME,
                    p + "failover.primary.address", primary,
                    p + "failover.primary.peer-address", primary,
                    p + "failover.secondary.address", secondary,
                    p + "failover.secondary.peer-address", secondary,
                    p + "omapi.port", Integer.toString(LocalPair.OMAPI_PORT),
                    p + "omapi.key-name", LocalPair.KEY_NAME);
        }

        @Override
        Map<String, String> agentSettings(LocalPair pair, PeerRole role) {
            return Map.of(
                    "netbox-dhcpd.omapi.key-file",
                    pair.keyFile().toString(),
                    "netbox-dhcpd.dhcpd.lease-file",
                    pair.leaseFile(role).toString(),
                    "netbox-dhcpd.config.omapi.key-name",
                    LocalPair.KEY_NAME,
                    "netbox-dhcpd.config.failover.peer-name",
                    LocalPair.PEER_NAME);
        }
    },

    /** An ISC Kea HA pair (kea-dhcp4 and kea-ctrl-agent per peer, hot-standby by default). */
    KEA(
            "kea",
            List.of(Path.of("/run/kea"), Path.of("/var/lib/kea")),
            List.of(
                    LocalPairPrerequisites.Command.KEA_DHCP4,
                    LocalPairPrerequisites.Command.KEA_CTRL_AGENT,
                    LocalPairPrerequisites.Command.UNSHARE)) {

        @Override
        Map<String, String> configSettings(PairNetwork network, LocalPair.Layout layout) {
            String k = "netbox-dhcpd.kea.";
            Map<String, String> settings = new LinkedHashMap<>();
            for (PeerRole role : PeerRole.values()) {
                // Kea 2.2's HA hook takes only an address in a peer URL, never a name
                settings.put(
                        k + "peers." + role.keyword() + ".url",
                        "http://" + network.address(role) + ":" + KEA_CONTROL_AGENT_PORT + "/");
            }
            // docs/kea.md: a 1 s heartbeat takes an apply from ~12 s to ~2 s per peer
            settings.put(k + "ha.heartbeat-delay", "PT1S");
            return settings;
        }

        @Override
        Map<String, String> agentSettings(LocalPair pair, PeerRole role) {
            return Map.of();
        }
    };

    /** The port kea-ctrl-agent serves the HA hook's peer commands on, in each peer's namespace. */
    public static final int KEA_CONTROL_AGENT_PORT = 8000;

    private final String backend;
    private final List<Path> privateDirs;
    private final List<LocalPairPrerequisites.Command> commands;

    PairServer(
            String backend, List<Path> privateDirs, List<LocalPairPrerequisites.Command> commands) {
        this.backend = backend;
        this.privateDirs = privateDirs;
        this.commands = commands;
    }

    /** The server whose backend is named {@code backend} ({@code netbox-dhcpd.backend}). */
    public static PairServer forBackend(String backend) {
        for (PairServer server : values()) {
            if (server.backend.equals(backend.toLowerCase(Locale.ROOT))) {
                return server;
            }
        }
        throw new IllegalArgumentException("no local pair runs the backend " + backend);
    }

    /** The value of {@code netbox-dhcpd.backend} that renders and applies this server's bundles. */
    public String backend() {
        return backend;
    }

    /** The pair's name in log lines: "failover pair" (dhcpd's, as it always was), "Kea HA pair". */
    public String pairName() {
        return this == DHCPD ? "failover pair" : "Kea HA pair";
    }

    /**
     * The {@code netbox-dhcpd.config.*} / {@code netbox-dhcpd.kea.*} settings, beyond the server
     * network and the probe subnet, that a bundle needs to fit a pair on {@code network}.
     */
    abstract Map<String, String> configSettings(PairNetwork network, LocalPair.Layout layout);

    /** The server's own settings of {@code role}'s agent, beyond those every agent gets. */
    abstract Map<String, String> agentSettings(LocalPair pair, PeerRole role);

    /**
     * Absolute paths each peer must have to itself: in the agent's mount namespace a per-peer
     * directory is bind-mounted on each.
     */
    List<Path> privateDirs() {
        return privateDirs;
    }

    /** The server's commands the machine must have (beyond iproute2 and the relay). */
    List<LocalPairPrerequisites.Command> commands() {
        return commands;
    }
}
