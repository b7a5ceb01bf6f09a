package dk.npflan.dhcp.kea.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The config the daemon runs now, from {@code config-get}: Kea's own normalised form (every default
 * written out, so it never equals the config that was sent), plus the subnets bound to records so
 * callers need not walk the JSON.
 *
 * @param dhcp4 the value of {@code Dhcp4}
 * @param subnets the subnets, top-level and inside shared networks
 * @param hash Kea's SHA-256 of the config ({@code hash} in the answer; Kea 2.4 and later, empty on
 *     2.2)
 */
public record RunningConfig(JsonNode dhcp4, List<Subnet4> subnets, Optional<String> hash) {

    public RunningConfig {
        subnets = List.copyOf(subnets);
    }

    /** The subnet with this prefix (as Kea writes it, e.g. {@code 10.0.0.0/24}), if configured. */
    public Optional<Subnet4> subnet(String prefix) {
        return subnets.stream().filter(s -> prefix.equals(s.subnet())).findFirst();
    }

    /** One {@code subnet4} entry: id, prefix and pools. */
    public record Subnet4(long id, String subnet, List<Pool> pools) {

        public Subnet4 {
            pools = pools == null ? List.of() : List.copyOf(pools);
        }
    }

    /** One pool, e.g. {@code 10.0.0.10-10.0.0.19} (Kea drops the spaces around the dash). */
    public record Pool(String pool) {}
}
