package dk.npflan.dhcp.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.netbox.Inventory;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.netbox.PrefixSelection;
import dk.npflan.dhcp.netbox.SelectedInventory;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * Loads inventory fixtures ({@code src/test/resources/inventory/*.json}) and applies the default
 * selection (active, IPv4 or not, tag {@code dhcp}) with a tiny local predicate; the real selector
 * lives in the netbox package. IPv6 is left in so the builder can report it.
 */
public final class InventoryFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InventoryFixture() {}

    public static Inventory load(String name) {
        try (InputStream in = InventoryFixture.class.getResourceAsStream("/inventory/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture inventory/" + name);
            }
            return JSON.readValue(in, Inventory.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Prefix> selected(Inventory inventory) {
        return inventory.prefixes().stream()
                .filter(p -> "active".equals(p.statusValue()))
                .filter(p -> p.tags().stream().anyMatch(t -> "dhcp".equals(t.slug())))
                .toList();
    }

    public static ConfigBuild.Result build(String name, DhcpdSettings settings) {
        Inventory inventory = load(name);
        return ConfigBuild.from(selected(inventory), inventory.ipRanges(), settings);
    }

    /**
     * Through the real selection (tag {@code dhcp}, active, default reservation statuses), with
     * host reservations, rendered by a backend's renderer.
     */
    public static ConfigBuild.Result buildWithReservations(
            String name, DhcpdSettings settings, Function<ServerModel, RenderedConfig> renderer) {
        SelectedInventory selected = PrefixSelection.byTag("dhcp").apply(load(name));
        return ConfigBuild.from(
                selected.prefixes(), selected.ipRanges(), selected.hosts(), settings, renderer);
    }

    /** The same, rendered by a backend's renderer. */
    public static ConfigBuild.Result build(
            String name, DhcpdSettings settings, Function<ServerModel, RenderedConfig> renderer) {
        Inventory inventory = load(name);
        return ConfigBuild.from(selected(inventory), inventory.ipRanges(), settings, renderer);
    }
}
