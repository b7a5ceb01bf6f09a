package dk.npflan.dhcp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.ConfigProblem;
import dk.npflan.dhcp.config.ConfigProblem.Kind;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.InventoryFixture;
import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.Pool;
import dk.npflan.dhcp.config.ServerModel;
import dk.npflan.dhcp.config.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ObjectAssert;
import org.junit.jupiter.api.Test;

/** One failing inventory per error class; each error must name the NetBox object to fix. */
class SemanticValidatorTest {

    private final DhcpdSettings settings = TestSettings.dhcpd();

    private List<ConfigProblem> errors(String fixture) {
        return InventoryFixture.build("invalid/" + fixture, settings).errors();
    }

    private static ObjectAssert<ConfigProblem> assertNames(
            ConfigProblem problem, Kind kind, String type, long id) {
        return assertThat(problem)
                .satisfies(
                        p -> {
                            assertThat(p.kind()).isEqualTo(kind);
                            assertThat(p.object().type()).isEqualTo(type);
                            assertThat(p.object().id()).isEqualTo(id);
                            assertThat(p.toString())
                                    .contains(p.object().display())
                                    .contains(p.object().url())
                                    .contains(String.valueOf(id))
                                    .contains("https://netbox.example.org/");
                        });
    }

    @Test
    void sameCidrInTwoVrfs_isADuplicateSubnet() {
        List<ConfigProblem> errors = errors("duplicate-subnet.json");

        assertThat(errors)
                .singleElement()
                .satisfies(
                        e -> {
                            assertNames(e, Kind.DUPLICATE_SUBNET, NetBoxObject.PREFIX, 12);
                            assertThat(e.message())
                                    .contains("10.10.0.0/24")
                                    .contains("ipam.prefix 11");
                        });
    }

    @Test
    void overlappingPrefixesInTwoVrfs_areOverlappingSubnets() {
        assertThat(errors("overlapping-subnets.json"))
                .singleElement()
                .satisfies(
                        e -> {
                            assertNames(e, Kind.OVERLAPPING_SUBNETS, NetBoxObject.PREFIX, 22);
                            assertThat(e.message())
                                    .contains(
                                            "10.10.1.0/24 (vrf GUEST) overlaps 10.10.0.0/23 (vrf CORP) of ipam.prefix 21");
                        });
    }

    @Test
    void prefixInsideTheServerNetwork_overlapsIt() {
        assertThat(errors("overlaps-server-network.json"))
                .singleElement()
                .satisfies(
                        e -> {
                            assertNames(e, Kind.OVERLAPPING_SUBNETS, NetBoxObject.PREFIX, 23);
                            assertThat(e.message())
                                    .contains("netbox-dhcpd.config.server-network.network");
                        });
    }

    @Test
    void prefixWithHostBits_isAnInvalidPrefix() {
        assertThat(errors("invalid-prefix.json"))
                .singleElement()
                .satisfies(e -> assertNames(e, Kind.INVALID_PREFIX, NetBoxObject.PREFIX, 31));
    }

    @Test
    void rangeWithUnparsableAddress_isAnInvalidRange() {
        assertThat(errors("invalid-range.json"))
                .singleElement()
                .satisfies(e -> assertNames(e, Kind.INVALID_RANGE, NetBoxObject.IP_RANGE, 42));
    }

    @Test
    void rangeCrossingThePrefixEnd_isOutsideItsSubnet() {
        assertThat(errors("range-outside-subnet.json"))
                .singleElement()
                .satisfies(
                        e -> {
                            assertNames(e, Kind.RANGE_OUTSIDE_SUBNET, NetBoxObject.IP_RANGE, 52);
                            assertThat(e.message()).contains("ipam.prefix 51 10.10.0.0/24");
                        });
    }

    @Test
    void reversedRange_startsAfterItsEnd() {
        assertThat(errors("range-start-after-end.json"))
                .singleElement()
                .satisfies(
                        e -> assertNames(e, Kind.RANGE_START_AFTER_END, NetBoxObject.IP_RANGE, 62));
    }

    @Test
    void twoRangesSharingAddresses_overlap() {
        assertThat(errors("overlapping-ranges.json"))
                .singleElement()
                .satisfies(
                        e -> {
                            assertNames(e, Kind.OVERLAPPING_RANGES, NetBoxObject.IP_RANGE, 73);
                            assertThat(e.message()).contains("ipam.iprange 72");
                        });
    }

    @Test
    void rangesCoveringNetworkRouterOrBroadcast_areRejected() {
        List<ConfigProblem> errors = errors("range-covers-reserved.json");

        assertThat(errors).hasSize(2);
        assertNames(errors.get(0), Kind.RANGE_COVERS_RESERVED_ADDRESS, NetBoxObject.IP_RANGE, 82);
        assertThat(errors.get(0).message())
                .contains("network address 10.10.0.0")
                .contains("router 10.10.0.1");
        assertNames(errors.get(1), Kind.RANGE_COVERS_RESERVED_ADDRESS, NetBoxObject.IP_RANGE, 83);
        assertThat(errors.get(1).message()).contains("broadcast address 10.10.0.255");
    }

    @Test
    void badCustomFieldValues_areInvalidOptionsNamingThePrefix() {
        List<ConfigProblem> errors = errors("invalid-option.json");

        assertThat(errors)
                .allSatisfy(
                        e ->
                                assertNames(
                                        e,
                                        Kind.INVALID_OPTION,
                                        NetBoxObject.PREFIX,
                                        e.object().id()));
        assertThat(errors)
                .extracting(e -> e.object().id() + " " + e.message())
                .containsExactlyInAnyOrder(
                        "91 custom field dhcp_routers: not an IPv4 address: '10.10.0.300'",
                        "92 custom field dhcp_domain_name: not a valid domain name: 'bad domain? include ?/etc/shadow?'",
                        "93 custom field dhcp_lease_time: not a whole number of seconds: '-5'",
                        "94 default-lease-time 90000 exceeds max-lease-time 3600",
                        "95 router 10.99.0.1 is not inside 10.10.4.0/24",
                        "96 custom field dhcp_ntp_servers: not an IPv4 address: '7'");
    }

    @Test
    void emptyServerNetworkSetting_isAMissingServerNetwork() {
        DhcpdSettings noServerNetwork =
                TestSettings.dhcpd(Map.of("netbox-dhcpd.config.server-network.network", ""));

        ConfigBuild.Result result = InventoryFixture.build("representative.json", noServerNetwork);

        assertThat(result.errors())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.kind()).isEqualTo(Kind.MISSING_SERVER_NETWORK);
                            assertThat(e.toString())
                                    .contains("netbox-dhcpd.config.server-network.network");
                        });
    }

    @Test
    void poolWithoutTheFailoverPeer_isRejected() {
        ServerModel valid = InventoryFixture.build("representative.json", settings).model();
        Subnet first = valid.subnets().get(0);
        Pool pool = first.pools().get(0);
        Subnet broken =
                new Subnet(
                        first.network(),
                        first.vrf(),
                        first.source(),
                        first.comment(),
                        first.options(),
                        List.of(new Pool(pool.start(), pool.end(), null, pool.range())));
        List<Subnet> subnets = new ArrayList<>(valid.subnets());
        subnets.set(0, broken);
        ServerModel model =
                new ServerModel(
                        valid.global(),
                        valid.authoritative(),
                        valid.pingCheck(),
                        valid.omapiPort(),
                        valid.omapiKeyName(),
                        valid.omapiKeyInclude(),
                        valid.failoverInclude(),
                        valid.serverNetwork(),
                        valid.probe(),
                        subnets,
                        valid.failover());

        assertThat(new SemanticValidator().validate(model))
                .singleElement()
                .satisfies(
                        e -> assertNames(e, Kind.POOL_WITHOUT_FAILOVER, NetBoxObject.PREFIX, 3001));
    }
}
