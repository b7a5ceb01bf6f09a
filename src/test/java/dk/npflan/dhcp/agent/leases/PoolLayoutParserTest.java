package dk.npflan.dhcp.agent.leases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PoolLayoutParserTest {

    @Test
    void renderedRepresentativeConfig_allSubnetsAndRangesInFileOrder() throws IOException {
        PoolLayout layout =
                PoolLayoutParser.parse(
                        Path.of("src/test/resources/golden/representative/dhcpd.conf"));

        assertThat(layout.problems()).isEmpty();
        assertThat(layout.subnets())
                .extracting(ConfiguredSubnet::cidr)
                .containsExactly(
                        "10.90.0.0/16",
                        "192.0.2.0/24",
                        "10.200.0.0/25",
                        "10.42.16.0/24",
                        "10.42.17.0/24",
                        "172.16.0.0/22");
        assertThat(layout.subnets().get(4).ranges())
                .extracting(AddressRange::label)
                .containsExactly("10.42.17.10-10.42.17.49", "10.42.17.100-10.42.17.149");
        assertThat(layout.subnets().get(5).ranges().get(0).size()).isEqualTo(4 * 256 - 4 - 5);
        assertThat(layout.rangeCount()).isEqualTo(6);
    }

    @Test
    void renderedSeedConfig_201SubnetsAnd200Ranges() throws IOException {
        PoolLayout layout =
                PoolLayoutParser.parse(Path.of("src/test/resources/golden/seed-npflan/dhcpd.conf"));

        assertThat(layout.problems()).isEmpty();
        assertThat(layout.subnets()).hasSize(201);
        assertThat(layout.rangeCount()).isEqualTo(200);
        assertThat(layout.subnets().get(2).ranges().get(0).label())
                .isEqualTo("10.0.11.4-10.0.11.250");
    }

    @Test
    void sharedNetworkPoolAndSingleAddressAndReversedRange_assignedToTheirSubnets() {
        PoolLayout layout =
                PoolLayoutParser.parse(
                        """
                        shared-network floor1 {
                            subnet 10.1.0.0 netmask 255.255.255.0 { }
                            subnet 10.2.0.0 netmask 255.255.255.0 {
                                range 10.2.0.50 10.2.0.40;
                            }
                            pool { range 10.1.0.10 10.1.0.19; }
                        }
                        group { subnet 10.3.0.0 netmask 255.255.0.0 { range dynamic-bootp 10.3.1.1; } }
                        """);

        assertThat(layout.problems()).isEmpty();
        assertThat(layout.subnets().get(0).ranges())
                .extracting(AddressRange::label, AddressRange::inPool)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.1.0.10-10.1.0.19", true));
        assertThat(layout.subnets().get(1).ranges().get(0).label())
                .isEqualTo("10.2.0.40-10.2.0.50");
        assertThat(layout.subnets().get(2).ranges().get(0).size()).isEqualTo(1);
    }

    @Test
    void rangesOutsideTheirSubnetOrAnySubnet_droppedAndReported() {
        PoolLayout layout =
                PoolLayoutParser.parse(
                        """
                        subnet 10.1.0.0 netmask 255.255.255.0 { range 10.1.0.4 10.1.1.4; }
                        shared-network x { pool { range 10.9.0.1 10.9.0.2; } }
                        subnet 10.1.1.0 netmask 255.255.0.0 { }
                        subnet 10.1.2.0 netmask { }
                        range 10.1.0.5 10.1.0.6;
                        }
                        """);

        assertThat(layout.subnets())
                .extracting(ConfiguredSubnet::cidr)
                .containsExactly("10.1.0.0/24");
        assertThat(layout.rangeCount()).isZero();
        assertThat(layout.problemCount()).isEqualTo(6);
    }

    @Test
    void randomBytesAndUnterminatedBlocks_neverThrowAndStayBounded() {
        byte[] junk = new byte[4 * 1024 * 1024];
        new Random(3).nextBytes(junk);

        PoolLayout random = PoolLayoutParser.parse(junk);
        PoolLayout deep = PoolLayoutParser.parse("{".repeat(100_000) + "range 1.1.1.1;");
        PoolLayout cut =
                PoolLayoutParser.parse("subnet 10.0.0.0 netmask 255.0.0.0 { pool { range 10.0.0.1");

        assertThat(random.problems().size()).isLessThanOrEqualTo(20);
        assertThat(deep.subnets()).isEmpty();
        assertThat(deep.problemCount()).isPositive();
        assertThat(cut.subnets()).hasSize(1);
        assertThat(cut.rangeCount()).isZero();
        assertThat(cut.problems()).contains("unterminated block at end of file");
    }
}
