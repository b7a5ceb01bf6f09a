package dk.npflan.dhcp.agent.leases;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.omapi.BindingState;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pool counts against a hand-computed table: {@code agent/pools.conf} + {@code agent/pools.leases}.
 * The expected rows below were worked out by hand from those two files (see the comments in the
 * lease file): last block per address wins, torn / malformed blocks are skipped, the unfinished
 * last block is not applied, never-leased addresses are free.
 */
class PoolUsageTest {

    /** One expected row: total, then active, free, backup, expired, abandoned, released, reset. */
    private record Row(String range, long total, long... byState) {}

    @Test
    void handComputedFixture_countsEveryRangeAndSubnetAsComputedByHand() throws Exception {
        PoolUsage usage = computeFixture();

        assertThat(usage.subnets())
                .extracting(s -> s.subnet().cidr())
                .containsExactly("10.90.0.0/16", "10.0.11.0/28", "10.0.12.0/24");
        assertThat(usage.subnets().get(0).ranges()).isEmpty();
        assertThat(usage.subnets().get(0).counts().total()).isZero();

        PoolUsage.SubnetUsage s11 = usage.subnets().get(1);
        //                    total  act free bak exp aba rel rst
        assertRange(s11.ranges().get(0), new Row("10.0.11.4-10.0.11.10", 7, 1, 2, 1, 1, 1, 1, 0));
        assertRange(s11.ranges().get(1), new Row("10.0.11.12-10.0.11.13", 2, 1, 0, 0, 0, 0, 0, 1));
        assertCounts(s11.counts(), 9, 2, 2, 1, 1, 1, 1, 1);
        assertThat(s11.ranges().get(0).range().inPool()).isTrue();
        assertThat(s11.ranges().get(1).range().inPool()).isFalse();

        PoolUsage.SubnetUsage s12 = usage.subnets().get(2);
        assertRange(s12.ranges().get(0), new Row("10.0.12.4-10.0.12.8", 5, 2, 2, 1, 0, 0, 0, 0));
        assertRange(s12.ranges().get(1), new Row("10.0.12.20-10.0.12.20", 1, 1, 0, 0, 0, 0, 0, 0));
        assertCounts(s12.counts(), 6, 3, 2, 1, 0, 0, 0, 0);

        // .4 .5 .6 .7 .8 .9 .12 .13, 12.4 12.5 12.6 12.7 12.20, 10.99.0.1
        assertThat(usage.leases()).isEqualTo(14);
        assertThat(usage.leasesOutsideRanges()).isEqualTo(1);
    }

    @Test
    void handComputedFixture_utilizationIsActiveOverTotal() throws Exception {
        PoolUsage usage = computeFixture();

        assertThat(usage.subnets().get(1).ranges().get(0).counts().utilization())
                .isEqualTo(1.0 / 7);
        assertThat(usage.subnets().get(1).ranges().get(1).counts().utilization()).isEqualTo(0.5);
        assertThat(usage.subnets().get(1).counts().utilization()).isEqualTo(2.0 / 9);
        assertThat(usage.subnets().get(2).counts().utilization()).isEqualTo(0.5);
        assertThat(usage.subnets().get(0).counts().utilization()).isZero();
    }

    @Test
    void handComputedFixture_skipsTwoMalformedAndOneTornBlockAndWaitsForTheUnfinishedOne()
            throws Exception {
        LeaseFileReader reader = new LeaseFileReader(fixture("pools.leases"));

        reader.poll();

        assertThat(reader.skipped(LeaseSkipReason.MALFORMED)).isEqualTo(2);
        assertThat(reader.skipped(LeaseSkipReason.TORN)).isEqualTo(1);
        assertThat(reader.skipped(LeaseSkipReason.OVERSIZE)).isZero();
        assertThat(reader.table().get(ipv4(10, 0, 12, 8))).isZero();
        assertThat(reader.committedOffset()).isLessThan(reader.fileBytes());
    }

    /**
     * A file written by the real dhcpd 4.4.3-P1 primary in {@link LeaseCountsDhcpdTest} (12
     * clients): expected counts from {@code awk} over the file's last {@code binding state} per
     * address.
     */
    @Test
    void realDhcpdPrimaryFile_readsWithoutSkipsAndCountsAsAwkDoes() throws Exception {
        PoolLayout layout =
                PoolLayoutParser.parse(
                        "subnet 198.18.78.0 netmask 255.255.255.224 {\n"
                                + "  pool { failover peer \"failover-partner\";"
                                + " range 198.18.78.1 198.18.78.30; }\n}\n");
        LeaseFileReader reader = new LeaseFileReader(fixture("real-primary.leases"));

        reader.poll();
        PoolUsage usage = PoolUsage.compute(layout, reader.table());

        assertCounts(usage.subnets().get(0).counts(), 30, 12, 9, 9, 0, 0, 0, 0);
        assertThat(usage.leases()).isEqualTo(30);
        for (LeaseSkipReason reason : LeaseSkipReason.values()) {
            assertThat(reader.skipped(reason)).as(reason.name()).isZero();
        }
    }

    @Test
    void noLeasesAtAll_everyRangeAddressIsFree() throws Exception {
        PoolLayout layout = PoolLayoutParser.parse(fixture("pools.conf"));

        PoolUsage usage = PoolUsage.compute(layout, new LeaseTable(16));

        assertCounts(usage.subnets().get(1).counts(), 9, 0, 9, 0, 0, 0, 0, 0);
        assertCounts(usage.subnets().get(2).counts(), 6, 0, 6, 0, 0, 0, 0, 0);
    }

    private static PoolUsage computeFixture() throws IOException, URISyntaxException {
        PoolLayout layout = PoolLayoutParser.parse(fixture("pools.conf"));
        assertThat(layout.problems()).isEmpty();
        LeaseFileReader reader = new LeaseFileReader(fixture("pools.leases"));
        reader.poll();
        return PoolUsage.compute(layout, reader.table());
    }

    private static void assertRange(PoolUsage.RangeUsage actual, Row expected) {
        assertThat(actual.range().label()).isEqualTo(expected.range());
        assertCounts(actual.counts(), expected.total(), expected.byState());
    }

    private static void assertCounts(StateCounts counts, long total, long... byState) {
        List<BindingState> states = StateCounts.STATES;
        long[] actual = new long[states.size()];
        for (int i = 0; i < states.size(); i++) {
            actual[i] = counts.count(states.get(i));
        }
        assertThat(counts.total()).as("total of %s", counts).isEqualTo(total);
        assertThat(actual).as("%s", counts).containsExactly(byState);
    }

    static int ipv4(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(PoolUsageTest.class.getResource("/agent/" + name).toURI());
    }
}
