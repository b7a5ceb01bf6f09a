package dk.npflan.dhcp.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a repair does for each combination of published (P), last good (L), secondary (S) and
 * primary (Q) hash; "-" = none. Rows are named after where the dead roller was.
 */
class RepairDecisionTest {

    @ParameterizedTest(name = "{0}: P={1} L={2} S={3} Q={4} → {5}")
    @CsvSource({
        "first start ever, -, -, x, x, NOTHING_PUBLISHED",
        "idle, old, old, old, old, IN_SYNC",
        "died after publish (2) or in propagation (3), new, old, old, old, RESUME_ROLLOUT",
        "died in the secondary's restart (4), new, old, new, old, RESUME_ROLLOUT",
        "died after the secondary rejected (4), new, old, old, old, RESUME_ROLLOUT",
        "died in the primary's restart wait (5), new, old, new, new, VERIFY_AND_RECORD",
        "died before recording last good (6), new, old, new, new, VERIFY_AND_RECORD",
        "first rollout (no last good yet), new, -, new, new, VERIFY_AND_RECORD",
        "died rolling back the secondary (3/4), old, old, new, old, RESTORE_LAST_GOOD",
        "died rolling back before the primary (5), old, old, new, new, RESTORE_LAST_GOOD",
        "died rolling back before the secondary (5), old, old, new, old, RESTORE_LAST_GOOD",
        "primary down after a failed start, new, old, new, -, RESUME_ROLLOUT",
        "secondary down after a failed start, new, old, -, old, RESUME_ROLLOUT",
        "secondary down rolling back, old, old, -, old, RESTORE_LAST_GOOD",
    })
    void decision_followsFromTheObservableHashes(
            String where, String p, String l, String s, String q, RepairDecision expected) {
        assertThat(RepairDecision.of(hash(p), hash(l), hash(s), hash(q))).isEqualTo(expected);
    }

    private static Optional<String> hash(String value) {
        return "-".equals(value) ? Optional.empty() : Optional.of(value);
    }
}
