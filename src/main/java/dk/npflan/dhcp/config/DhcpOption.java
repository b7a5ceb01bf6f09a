package dk.npflan.dhcp.config;

import java.util.List;

/**
 * One standard option with its value as canonical items: addresses in dotted quad, numbers in
 * decimal, {@code true}/{@code false}, strings already checked to be printable ASCII without {@code
 * \} or {@code ,}. A backend only joins and (dhcpd, for strings) quotes them.
 */
public record DhcpOption(StandardOption option, List<String> items) {

    public DhcpOption {
        items = List.copyOf(items);
    }
}
