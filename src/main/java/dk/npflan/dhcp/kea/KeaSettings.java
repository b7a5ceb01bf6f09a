package dk.npflan.dhcp.kea;

import dk.npflan.dhcp.config.PeerRole;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything in a rendered {@code kea-dhcp4} config that does not come from NetBox or from the
 * rendering settings both backends share ({@code netbox-dhcpd.config.*}: options, lease times,
 * probe and server-network subnets): where Kea's binary, hooks, socket and lease file are, and how
 * the two servers form their HA pair. One mapping for the Kea area, so the renderer, the {@code
 * kea-dhcp4 -t} check and tests all read the same documented values (docs/kea.md).
 */
@ConfigMapping(prefix = "netbox-dhcpd.kea")
public interface KeaSettings {

    /** The kea-dhcp4 binary, for every {@code kea-dhcp4 -t} check. */
    @WithDefault("/usr/sbin/kea-dhcp4")
    String binary();

    /** Bound for each {@code kea-dhcp4 -t} run; a run past it is killed and reported. */
    @WithDefault("PT60S")
    Duration checkTimeout();

    /** Directory holding the hook libraries ({@code libdhcp_ha.so} and the others). */
    @WithDefault("/usr/lib/x86_64-linux-gnu/kea/hooks")
    String hooksDir();

    /**
     * Unix control socket of kea-dhcp4 (where {@code config-set} and the HA commands go). Under
     * {@code /run/kea} because Kea 2.6.2 and later accept sockets only there.
     */
    @WithDefault("/run/kea/kea4-ctrl-socket")
    String controlSocket();

    /** The memfile lease database. */
    LeaseFile leaseFile();

    /** Interfaces kea-dhcp4 listens on ({@code *} = all). */
    @WithDefault("*")
    List<String> interfaces();

    /**
     * How kea-dhcp4 receives and sends DHCP: {@code udp} (default) for a server that sees only
     * relayed traffic, as a pod behind a relay does; replies leave by the routing table ({@code
     * outbound-interface: use-routing}), so an answer to a relay address on this host (the agent's
     * probe relays from 127.0.0.1) arrives. {@code raw} for clients on the server's own link: with
     * it Kea sends every reply as a frame out of the interface the request came in on, also one to
     * 127.0.0.1, and the agent's probe never sees an answer (measured on Kea 2.2.0).
     */
    @WithDefault("udp")
    SocketType socketType();

    /** Kea's {@code dhcp-socket-type}. */
    enum SocketType {
        UDP,
        RAW;

        /** Kea's word for it. */
        public String keaName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The HA relationship of the two servers ({@code libdhcp_ha.so}). */
    Ha ha();

    /** The two servers as the HA hook names and reaches them. */
    Peers peers();

    /** The memfile lease file. */
    interface LeaseFile {
        /**
         * Path on the persistent volume; under {@code /var/lib/kea} because Kea 2.6.2 and later
         * accept lease files only there.
         */
        @WithDefault("/var/lib/kea/kea-leases4.csv")
        String path();

        /** How often Kea compacts the lease file (lease file cleanup, LFC); whole seconds. */
        @WithDefault("PT1H")
        Duration lfcInterval();
    }

    /** HA tunables; Kea's own defaults unless set. */
    interface Ha {
        /**
         * {@code hot-standby} (the standby serves only when the primary fails) or {@code
         * load-balancing}.
         */
        @WithDefault("hot-standby")
        HaMode mode();

        /** Time between heartbeats to the partner when nothing else was sent. */
        @WithDefault("PT10S")
        Duration heartbeatDelay();

        /** Silence from the partner after which it counts as unreachable. */
        @WithDefault("PT60S")
        Duration maxResponseDelay();

        /** How long a client may wait unanswered by the partner before it counts as unacked. */
        @WithDefault("PT10S")
        Duration maxAckDelay();

        /**
         * Unacked clients after which this server takes over (0 = as soon as the partner is
         * silent).
         */
        @WithDefault("10")
        int maxUnackedClients();
    }

    /** Both servers; every rendered config lists both, and differs only in which one it is. */
    interface Peers {
        PrimaryPeer primary();

        SecondaryPeer secondary();

        /** The settings of one role. */
        default Peer of(PeerRole role) {
            return role == PeerRole.PRIMARY ? primary() : secondary();
        }
    }

    /** One server of the pair. */
    interface Peer {
        /** Its name in the HA config ({@code this-server-name} on its own config). */
        String name();

        /**
         * Where the partner reaches its control API: {@code http://<IPv4>:<port>/}. Kea 2.2's HA
         * hook accepts only an address here, not a host name.
         */
        String url();

        /** Whether the partner takes over automatically when this server fails. */
        @WithDefault("true")
        boolean autoFailover();
    }

    /** The primary, by default at the local pair's primary address. */
    interface PrimaryPeer extends Peer {
        @Override
        @WithDefault("primary")
        String name();

        @Override
        @WithDefault("http://198.18.92.1:8000/")
        String url();
    }

    /** The secondary (the standby in hot-standby mode), at the local pair's secondary address. */
    interface SecondaryPeer extends Peer {
        @Override
        @WithDefault("secondary")
        String name();

        @Override
        @WithDefault("http://198.18.92.2:8000/")
        String url();
    }

    /** Bounds of one command over the control socket, counted from the connect to the answer. */
    Control control();

    /** The supervised kea-dhcp4 process (the agent side). */
    Server server();

    /** The supervised kea-ctrl-agent process (HA peers' HTTP on Kea before 2.7.2). */
    ControlAgent controlAgent();

    /** The control channel's per-call bounds. */
    interface Control {

        /** Per-call bounds, by kind of command. */
        Timeouts timeouts();

        /** Per-call bounds, by kind of command. */
        interface Timeouts {

            /**
             * Small commands: {@code status-get}, {@code ha-heartbeat}, {@code ha-maintenance-*},
             * {@code shutdown}, {@code list-commands}.
             */
            @WithDefault("PT10S")
            Duration command();

            /**
             * Commands whose time grows with the config: {@code config-test}, {@code config-set},
             * {@code config-write}, {@code config-get}, {@code statistic-get-all}.
             */
            @WithDefault("PT2M")
            Duration config();
        }
    }

    /**
     * The kea-dhcp4 process; its binary is {@link #binary()}, its socket {@link #controlSocket()}.
     */
    interface Server {

        /**
         * DHCP port to listen on ({@code kea-dhcp4 -p}); unset: Kea's 67. For tests and labs that
         * must not collide with a DHCP server on the same machine.
         */
        Optional<Integer> port();

        /**
         * Directory for the pid and lock files ({@code KEA_PIDFILE_DIR}, {@code KEA_LOCKFILE_DIR}).
         */
        @WithDefault("/run/kea")
        String runDir();

        /** How long a start may take until the control socket answers {@code status-get}. */
        @WithDefault("PT60S")
        Duration startTimeout();

        /**
         * How long to wait after the {@code shutdown} command, then after SIGTERM, before SIGKILL.
         */
        @WithDefault("PT5S")
        Duration stopTimeout();

        /** How many of the process's most recent log lines to keep in memory. */
        @WithDefault("500")
        int logLinesKept();
    }

    /** The kea-ctrl-agent process. */
    interface ControlAgent {

        /** Path of the kea-ctrl-agent binary. */
        @WithDefault("/usr/sbin/kea-ctrl-agent")
        String binary();

        /** How long a start may take until its HTTP endpoint answers {@code status-get}. */
        @WithDefault("PT30S")
        Duration startTimeout();

        /**
         * Address the agent listens on. Unset: the host of this server's own peer URL in the
         * running config (where the partner reaches it); set {@code 0.0.0.0} where that address is
         * not the pod's own (a Service IP).
         */
        Optional<String> httpHost();
    }

    /**
     * How long the roller's gates hold for a Kea pair, in place of {@code
     * netbox-dhcpd.rollout.gate-stable-for} (3 s, sized for the dhcpd agent's 2 s probe cache): the
     * Kea agent answers an apply only once both peers are back in their normal HA state.
     */
    @WithDefault("PT0S")
    Duration gateStableFor();

    /** How the agent applies a new config to its running kea-dhcp4 (docs/kea.md, "The agent"). */
    Apply apply();

    /** The agent's apply: the takeover, {@code config-set} and the wait for the pair. */
    interface Apply {

        /** How often both peers' HA states are read while waiting for the pair (100–250 ms). */
        @WithDefault("PT0.2S")
        Duration pollInterval();

        /**
         * How long after {@code config-set} both peers may take to be back in their normal HA
         * state: the {@code config-set} time, two heartbeats and the lease sync (30 s with a 10 s
         * {@code heartbeat-delay}).
         */
        @WithDefault("PT30S")
        Duration gateTimeout();

        /**
         * Whether to {@code config-write} after an apply (Kea's normalised config into the file
         * kea-dhcp4 was started with, in {@code server.run-dir}). Off: the published ConfigMap is
         * the persistent copy and the agent writes the applied file there itself.
         */
        @WithDefault("false")
        boolean configWrite();

        /**
         * Whether the agent runs {@code kea-dhcp4 -t} on its role's file before {@code config-set}
         * (≈ 2–5 s at 10,000 subnets). Off: the listener ran the real check on the very bytes whose
         * hash the agent verifies, {@code config-set} refuses an invalid config and keeps the old
         * one, and the agent checks that every hook library exists here (the one refusal {@code
         * config-set} would make after unloading the running hooks). On for a pair whose Kea
         * differs from the listener's (docs/kea.md, "The agent").
         */
        @WithDefault("false")
        boolean offlineCheck();
    }
}
