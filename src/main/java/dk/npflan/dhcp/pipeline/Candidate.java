package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.backend.ServerBackend;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.netbox.InventoryException;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A config made from the inventory as it is now, before anything is published: either the snapshot
 * could not be read, or the config was rendered and is rejected (with the errors naming the NetBox
 * objects), or it is ready to roll out. Shared by reconciles and {@code GET /preview}.
 */
public sealed interface Candidate {

    /** The snapshot could not be loaded; nothing was rendered. */
    record Unavailable(InventoryException cause) implements Candidate {}

    /**
     * Rendered by {@link #backend()}; the two synthetic subnets' prefixes let diffs leave them out.
     */
    sealed interface Rendered extends Candidate {
        ServerBackend backend();

        ConfigBuild.Result build();

        Set<String> synthetic();

        default RenderedConfig config() {
            return build().rendered();
        }

        default String hash() {
            return config().sha256();
        }

        default int subnets() {
            return build().model().subnets().size();
        }

        default int reservations() {
            return build().model().subnets().stream().mapToInt(s -> s.reservations().size()).sum();
        }

        default int pools() {
            return build().model().subnets().stream().mapToInt(s -> s.pools().size()).sum();
        }

        default SubnetDiff diffAgainst(java.util.Optional<RenderedConfig> published) {
            return SubnetDiff.between(
                    published.map(backend()::subnets).orElse(Map.of()),
                    backend().subnets(config()),
                    synthetic(),
                    ChangeSet.between(
                            published.map(backend()::reservations).orElse(Map.of()),
                            backend().reservations(config())));
        }
    }

    /** Our checks or the real server's check found errors; each error is a JSON-ready map. */
    record Rejected(
            ServerBackend backend,
            ConfigBuild.Result build,
            Set<String> synthetic,
            List<Map<String, Object>> errors)
            implements Rendered {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }

    /** Rendered and checked clean for both roles. */
    record Ready(ServerBackend backend, ConfigBuild.Result build, Set<String> synthetic)
            implements Rendered {}
}
