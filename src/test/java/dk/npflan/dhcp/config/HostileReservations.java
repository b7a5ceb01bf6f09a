package dk.npflan.dhcp.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.netbox.Choice;
import dk.npflan.dhcp.netbox.HostInventory;
import dk.npflan.dhcp.netbox.Interface;
import dk.npflan.dhcp.netbox.IpAddress;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.netbox.Tag;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The hostile corpus ({@code hostile/strings.json}) in the reservation fields NetBox users type:
 * one /24 per entry with two IP addresses, one whose MAC custom field is the entry and one with a
 * valid MAC (on its interface, 4.2 shape) whose {@code dns_name} is the entry. Shared by the dhcpd
 * and the Kea hostile-text tests.
 */
public final class HostileReservations {

    /**
     * IP address ids: MAC from the corpus at {@code MAC_IDS + i}, host name at {@code NAME_IDS +
     * i}.
     */
    public static final long MAC_IDS = 20_000;

    public static final long NAME_IDS = 30_000;

    private HostileReservations() {}

    public static List<String> corpus() {
        try (InputStream in =
                HostileReservations.class.getResourceAsStream("/hostile/strings.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ConfigBuild.Result build(
            List<String> corpus, Function<ServerModel, RenderedConfig> renderer) {
        Choice active = new Choice("active", "Active");
        Choice dhcp = new Choice("dhcp", "DHCP");
        List<Prefix> prefixes = new ArrayList<>();
        List<IpAddress> addresses = new ArrayList<>();
        List<Interface> interfaces = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            String t = corpus.get(i);
            String net = "10.77." + i + ".";
            prefixes.add(
                    new Prefix(
                            1000 + i,
                            net + "0/24",
                            null,
                            active,
                            null,
                            List.of(new Tag(7, "dhcp", "dhcp")),
                            Map.of(),
                            "",
                            null,
                            "https://netbox.example.org/ipam/prefixes/" + (1000 + i) + "/"));
            addresses.add(
                    new IpAddress(
                            MAC_IDS + i,
                            net + "2/24",
                            null,
                            dhcp,
                            "mac-" + i,
                            null,
                            null,
                            Map.<String, JsonNode>of("dhcp_reservation_mac", TextNode.valueOf(t)),
                            null,
                            "https://netbox.example.org/ipam/ip-addresses/" + (MAC_IDS + i) + "/"));
            addresses.add(
                    new IpAddress(
                            NAME_IDS + i,
                            net + "3/24",
                            null,
                            dhcp,
                            t,
                            IpAddress.DEVICE_INTERFACE,
                            (long) i,
                            Map.of(),
                            null,
                            "https://netbox.example.org/ipam/ip-addresses/"
                                    + (NAME_IDS + i)
                                    + "/"));
            String mac = String.format("52:54:00:00:%02x:%02x", i / 256, i % 256);
            interfaces.add(new Interface(i, "eth0", null, new Interface.MacRef(i, mac), null));
        }
        return ConfigBuild.from(
                prefixes,
                List.of(),
                new HostInventory(addresses, interfaces, List.of()),
                TestSettings.dhcpd(),
                renderer);
    }
}
