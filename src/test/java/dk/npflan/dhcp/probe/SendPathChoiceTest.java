package dk.npflan.dhcp.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.Ipv4Address;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SendPathChoiceTest {

    private static final String EPERM = "socket(AF_PACKET) failed: [1] Operation not permitted";

    private static InterfaceFacts facts(String address, int prefix, String broadcast) {
        return new InterfaceFacts(
                "eth0",
                2,
                new byte[] {2, 0, 0, 0, 0, 1},
                Ipv4Address.of(address),
                prefix,
                Optional.ofNullable(broadcast).map(Ipv4Address::of));
    }

    @Test
    void packetSocketOpens_isChosenWhateverTheAddressing() {
        for (InterfaceFacts f :
                new InterfaceFacts[] {
                    facts("10.99.0.1", 24, "10.99.0.255"),
                    facts("10.99.0.1", 24, "0.0.0.0"),
                    facts("10.99.0.1", 32, null)
                }) {
            assertThat(SendPathChoice.choose(f, Optional.empty()))
                    .as(f.toString())
                    .isInstanceOf(SendPathChoice.Choice.PacketSocket.class);
        }
    }

    @Test
    void noPacketSocketButRealBroadcast_fallsBackToThatBroadcast() {
        SendPathChoice.Choice choice =
                SendPathChoice.choose(facts("10.99.0.1", 24, "10.99.0.255"), Optional.of(EPERM));

        assertThat(choice)
                .isEqualTo(
                        new SendPathChoice.Choice.UdpBroadcast(
                                Ipv4Address.of("10.99.0.255"), EPERM));
    }

    @Test
    void noPacketSocketAndBroadcastReportedAsZero_neverTargetsZeroButFailsNamingWhy() {
        SendPathChoice.Choice choice =
                SendPathChoice.choose(facts("10.99.0.1", 24, "0.0.0.0"), Optional.of(EPERM));

        assertThat(choice)
                .isInstanceOfSatisfying(
                        SendPathChoice.Choice.None.class,
                        none ->
                                assertThat(none.reason())
                                        .contains(EPERM)
                                        .contains("eth0 (10.99.0.1/24) has no broadcast address")
                                        .contains("reported: 0.0.0.0"));
    }

    @Test
    void noPacketSocketOnSlash32_failsEvenWhenBrdPlusMadeTheBroadcastTheAddressItself() {
        for (InterfaceFacts f :
                new InterfaceFacts[] {
                    facts("10.99.0.1", 32, null),
                    facts("10.99.0.1", 32, "10.99.0.1"),
                    facts("10.99.0.0", 31, "0.0.0.0")
                }) {
            assertThat(SendPathChoice.choose(f, Optional.of(EPERM)))
                    .as(f.toString())
                    .isInstanceOf(SendPathChoice.Choice.None.class);
        }
    }

    @Test
    void broadcastOutsideTheInterfacesOwnNetwork_isNotUsed() {
        assertThat(SendPathChoice.usableBroadcast(facts("10.99.0.1", 24, "10.99.1.255"))).isEmpty();
        assertThat(SendPathChoice.usableBroadcast(facts("10.99.0.1", 24, "255.255.255.255")))
                .isEmpty();
        assertThat(SendPathChoice.usableBroadcast(facts("10.99.0.1", 16, "10.99.255.255")))
                .contains(Ipv4Address.of("10.99.255.255"));
    }
}
