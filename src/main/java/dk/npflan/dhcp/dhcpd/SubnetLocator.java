package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.Reservation;
import dk.npflan.dhcp.config.Subnet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the NetBox object behind a line of the rendered {@code dhcpd.conf}, so that a {@code dhcpd -t}
 * error ("dhcpd.conf line 812: …") can name the prefix an operator has to fix. It walks back from the
 * line to the enclosing {@code subnet … netmask … {} declaration and looks that subnet up in the model;
 * a line of a {@code host nbd-ip-<id>} reservation names its NetBox IP address.
 */
public final class SubnetLocator {

    private final String[] lines;
    private final Map<String, NetBoxObject> bySubnetLine = new HashMap<>();
    private final Map<String, NetBoxObject> byHost = new HashMap<>();

    public SubnetLocator(String config, List<Subnet> subnets) {
        this.lines = config.split("\n", -1);
        for (Subnet subnet : subnets) {
            bySubnetLine.put(declaration(subnet), subnet.source());
            for (Reservation r : subnet.reservations()) {
                byHost.put(r.name(), r.source());
            }
        }
    }

    private static String declaration(Subnet subnet) {
        return "subnet "
                + subnet.network().network()
                + " netmask "
                + subnet.network().netmask()
                + " {";
    }

    /**
     * The object whose subnet holds 1-based {@code line}; empty for the global part or out-of-range
     * lines.
     */
    public Optional<NetBoxObject> locate(int line) {
        for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
            String text = lines[i].strip();
            if (text.startsWith("subnet ")) {
                return Optional.ofNullable(bySubnetLine.get(text));
            }
            if (text.startsWith("host ")) {
                int end = text.indexOf(' ', 5);
                return Optional.ofNullable(
                        byHost.get(text.substring(5, end < 0 ? text.length() : end)));
            }
            if (text.equals("}") && !lines[i].startsWith(" ") && i < line - 1) {
                return Optional.empty(); // the line lies after a closed subnet, in the global part
            }
        }
        return Optional.empty();
    }
}
