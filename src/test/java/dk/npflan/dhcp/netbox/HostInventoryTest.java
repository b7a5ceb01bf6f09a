package dk.npflan.dhcp.netbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The primary MAC of an interface in each NetBox version's shape. */
class HostInventoryTest {

    private static HostInventory of(List<Interface> interfaces, List<MacAddress> macs) {
        return new HostInventory(List.of(), interfaces, macs);
    }

    @Test
    void before42_theInterfaceMacAddressIsTheMac() {
        assertThat(
                        of(
                                        List.of(
                                                new Interface(
                                                        1,
                                                        "eth0",
                                                        "52:54:00:00:00:01",
                                                        null,
                                                        null)),
                                        List.of())
                                .primaryMacByInterface())
                .containsExactlyEntriesOf(java.util.Map.of(1L, "52:54:00:00:00:01"));
    }

    @Test
    void from42_thePrimaryMacObjectWins() {
        Interface iface =
                new Interface(
                        1,
                        "eth0",
                        "52:54:00:00:00:99",
                        new Interface.MacRef(7, "52:54:00:00:00:07"),
                        null);

        assertThat(of(List.of(iface), List.of()).primaryMacByInterface())
                .containsEntry(1L, "52:54:00:00:00:07");
    }

    @Test
    void primaryMacNamedOnlyById_isTakenFromTheMacObjects() {
        Interface iface = new Interface(1, "eth0", null, new Interface.MacRef(7, null), null);
        MacAddress mac = new MacAddress(7, "52:54:00:00:00:07", "dcim.interface", 1L, null);

        assertThat(of(List.of(iface), List.of(mac)).primaryMacByInterface())
                .containsEntry(1L, "52:54:00:00:00:07");
    }

    @Test
    void interfaceWithoutAnyMac_hasNoEntry() {
        assertThat(
                        of(List.of(new Interface(1, "eth0", "", null, null)), List.of())
                                .primaryMacByInterface())
                .isEmpty();
    }
}
