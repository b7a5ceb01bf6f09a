package dk.npflan.dhcp.dhcpd;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code host nbd-ip-<id> { … }} reservations of a rendered dhcpd.conf by name, each with its
 * whole block, so a diff sees a new address, MAC or host name as a changed reservation. Reads our
 * own renderer's layout as {@link DhcpdSubnetBlocks} does.
 */
final class DhcpdHostBlocks {

    private static final Pattern HOST = Pattern.compile("^host (nbd-ip-\\d+) \\{");

    private DhcpdHostBlocks() {}

    static Map<String, String> of(String config) {
        return DhcpdSubnetBlocks.blocks(config, HOST, m -> m.group(1), false);
    }
}
