package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SanityBoundTest {

    private static SubnetDiff removing(int removed, int published) {
        return new SubnetDiff(
                List.of(), Collections.nCopies(removed, "10.0.0.0/24"), List.of(), published);
    }

    @ParameterizedTest(name = "remove {0} of {1}, force={2} -> {3}")
    @CsvSource({
        "0, 0, false, WITHIN",
        "0, 10, false, WITHIN",
        "2, 10, false, WITHIN",
        "3, 10, false, HOLD",
        "5, 10, false, HOLD",
        "5, 10, true, FORCED",
        "10, 10, false, HOLD",
        "1, 1, false, HOLD",
    })
    void removedShareAboveTwentyPercent_isHeldUnlessForced(
            int removed, int published, boolean force, SanityBound.Verdict expected) {
        assertThat(new SanityBound(0.2).judge(removing(removed, published), force))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "remove {0} of {1} reservations, force={2} -> {3}")
    @CsvSource({
        "0, 0, false, WITHIN",
        "2, 10, false, WITHIN",
        "3, 10, false, HOLD",
        "3, 10, true, FORCED",
        "50, 50, false, HOLD",
    })
    void removedReservationShareAboveTwentyPercent_isHeldEvenWithEverySubnetKept(
            int removed, int published, boolean force, SanityBound.Verdict expected) {
        SubnetDiff diff =
                new SubnetDiff(
                        List.of(),
                        List.of(),
                        List.of(),
                        10,
                        new ChangeSet(
                                List.of(),
                                Collections.nCopies(removed, "nbd-ip-1"),
                                List.of(),
                                published));

        assertThat(new SanityBound(0.2).judge(diff, force)).isEqualTo(expected);
    }
}
