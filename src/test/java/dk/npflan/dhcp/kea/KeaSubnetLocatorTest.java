package dk.npflan.dhcp.kea;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.InventoryFixture;
import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.ServerModel;
import dk.npflan.dhcp.config.Subnet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Positions in a rendered file, as Kea names them, lead back to the NetBox object. */
class KeaSubnetLocatorTest {

    private final ServerModel model =
            InventoryFixture.build("representative.json", TestSettings.dhcpd()).model();
    private final String json =
            new KeaConfigRenderer(KeaTestSettings.kea())
                    .render(model)
                    .files()
                    .get(KeaConfigRenderer.fileName(PeerRole.PRIMARY));
    private final KeaSubnetLocator locator =
            new KeaSubnetLocator(json, KeaConfigRenderer.subnetOrder(model));
    private final List<String> lines = json.lines().toList();

    /** 1-based line and column of the first {@code text} at or after line {@code from}. */
    private long[] find(String text, int from) {
        for (int i = from; i < lines.size(); i++) {
            int column = lines.get(i).indexOf(text);
            if (column >= 0) {
                return new long[] {i + 1, column + 1};
            }
        }
        throw new AssertionError(text + " not in the rendered file");
    }

    @Test
    void aPositionInsideASubnet_namesItsPrefix_andOneInsideARangePool_namesTheRange() {
        Subnet withRange =
                model.subnets().stream()
                        .filter(s -> s.pools().stream().anyMatch(p -> p.range().isPresent()))
                        .findFirst()
                        .orElseThrow();
        NetBoxObject range = withRange.pools().get(0).range().orElseThrow();
        long[] subnet = find("\"subnet\": \"" + withRange.network() + "\"", 0);
        long[] pool = find("\"pool\": ", (int) subnet[0]);

        assertThat(locator.locate(subnet[0], subnet[1])).contains(withRange.source());
        assertThat(locator.locate(subnet[0] - 1, 7)).contains(withRange.source());
        assertThat(locator.locate(pool[0], pool[1])).contains(range);
    }

    @Test
    void aPositionOutsideEverySubnet_namesNothing() {
        long[] hooks = find("\"hooks-libraries\"", 0);

        assertThat(locator.locate(1, 1)).isEmpty();
        assertThat(locator.locate(hooks[0], hooks[1])).isEmpty();
        assertThat(locator.locate(lines.size() + 5, 1)).isEmpty();
    }

    @Test
    void aMessageNamingAPrefix_namesTheLastSubnetWithIt() {
        Subnet subnet = model.subnets().get(2);

        assertThat(
                        locator.locate(
                                "subnet with the prefix of '"
                                        + subnet.network()
                                        + "' already exists"))
                .contains(subnet.source());
        assertThat(locator.locate("nothing quoted here")).isEmpty();
    }
}
