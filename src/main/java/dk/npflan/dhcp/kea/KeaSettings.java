package dk.npflan.dhcp.kea;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the Kea backend's own processes and their control channel: where kea-dhcp4 and
 * kea-ctrl-agent are, where they keep pid and lock files, where the control socket is, and how long
 * each kind of command may take. One mapping for the area, so the agent, the tests and the commands
 * read the same keys. Durations default in ISO-8601 form so plain SmallRye parses them too.
 */
@ConfigMapping(prefix = "netbox-dhcpd.kea")
public interface KeaSettings {

    /** The unix control socket of kea-dhcp4 and the bounds of one command over it. */
    Control control();

    /** The supervised kea-dhcp4 process. */
    Server server();

    /** The supervised kea-ctrl-agent process (HA peers' HTTP on Kea before 2.7.2). */
    ControlAgent controlAgent();

    /** The control channel. */
    interface Control {

        /**
         * Path of kea-dhcp4's unix control socket; the rendered config's {@code control-socket}
         * must name the same path. At most 107 bytes (the kernel's limit for a socket address).
         */
        @WithDefault("/run/kea/kea4-ctrl-socket")
        String socket();

        /** Bounds of one command, counted from the connect to the last byte of the answer. */
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
             * {@code config-write}, {@code config-get}, {@code statistic-get-all} (10,000 subnets:
             * about 1.2 s for config-set on an idle machine).
             */
            @WithDefault("PT2M")
            Duration config();
        }
    }

    /** The kea-dhcp4 process. */
    interface Server {

        /** Path of the kea-dhcp4 binary. */
        @WithDefault("/usr/sbin/kea-dhcp4")
        String binary();

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
    }
}
