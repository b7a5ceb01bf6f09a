package dk.npflan.dhcp.agent.leases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeaseTableTest {

    @Test
    void manyRandomAddressesIncludingNegativeInts_behavesLikeAMap() {
        LeaseTable table = new LeaseTable(1 << 20);
        Map<Integer, Byte> expected = new HashMap<>();
        Random random = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            int address = random.nextInt(50_000) * 65_537; // spans negative ints (>= 128.0.0.0)
            byte state = (byte) (1 + random.nextInt(7));
            table.put(address, state);
            expected.put(address, state);
        }

        assertThat(table.size()).isEqualTo(expected.size());
        expected.forEach((address, state) -> assertThat(table.get(address)).isEqualTo(state));
        Map<Integer, Byte> iterated = new HashMap<>();
        table.forEach((address, state) -> iterated.put(address, state));
        assertThat(iterated).isEqualTo(expected);
    }

    @Test
    void sequentialAddressesAndZero_allFoundAfterGrowth() {
        LeaseTable table = new LeaseTable(1 << 20);
        for (int i = 0; i < 100_000; i++) {
            table.put(0x0A00_0000 + i, (byte) 2);
        }
        table.put(0, (byte) 1);

        assertThat(table.size()).isEqualTo(100_001);
        assertThat(table.get(0)).isEqualTo((byte) 1);
        assertThat(table.get(0x0A00_0000 + 99_999)).isEqualTo((byte) 2);
        assertThat(table.get(0x0B00_0000)).isZero();
        assertThat(table.footprintBytes()).isLessThan(100_001L * 5 * 3);
    }

    @Test
    void clear_forgetsEverything() {
        LeaseTable table = new LeaseTable(100);
        table.put(7, (byte) 2);

        table.clear();

        assertThat(table.size()).isZero();
        assertThat(table.get(7)).isZero();
        assertThat(table.put(8, (byte) 2)).isTrue();
    }
}
