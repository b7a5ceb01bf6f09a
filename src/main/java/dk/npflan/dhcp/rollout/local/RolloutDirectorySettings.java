package dk.npflan.dhcp.rollout.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code directory} rollout target ({@code netbox-dhcpd.rollout.target=directory}): the bundle
 * is written into directories the agents read as their mounted config (a shared volume, as in
 * docker-compose), and the agents are reached at fixed URLs. Unset unless that target is chosen.
 */
@ConfigMapping(prefix = "netbox-dhcpd.rollout.directory")
public interface RolloutDirectorySettings {

    /** Directories to publish into (each agent's {@code netbox-dhcpd.agent.config-dir}). */
    Optional<List<Path>> configDirs();

    /** Where the published metadata, the last good bundle and the history are kept. */
    @WithDefault(".netbox-dhcpd/rollout")
    Path stateDir();

    /** The primary's agent, e.g. {@code http://dhcpd-primary:8067}. */
    Optional<URI> primaryAgent();

    /** The secondary's agent. */
    Optional<URI> secondaryAgent();

    /** File holding the agents' bearer token (a mounted Secret). */
    Optional<Path> agentTokenFile();

    /** Bound of one {@code GET /state}. */
    @WithDefault("PT5S")
    Duration stateTimeout();

    /** Bound of one {@code POST /restart} (dhcpd -t plus a restart of a large config). */
    @WithDefault("PT2M")
    Duration restartTimeout();
}
