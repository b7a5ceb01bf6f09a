package dk.npflan.dhcp.rollout.local;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code local} rollout target's pair ({@code netbox-dhcpd.rollout.target=local}): where it
 * keeps what the next {@code serve} needs to adopt it after this one was killed.
 */
@ConfigMapping(prefix = "netbox-dhcpd.rollout.local")
public interface LocalPairSettings {

    /**
     * The pair's and the client network's files (token, OMAPI key, lease files, published bundles,
     * PIDs; owner-only). Unset: a temp directory, and a new {@code serve} rebuilds the pair.
     */
    Optional<Path> runDir();
}
