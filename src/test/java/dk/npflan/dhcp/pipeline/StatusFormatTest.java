package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the status page writes hashes, times, durations, reasons and states. */
class StatusFormatTest {

    @Test
    void sha256_shortensToTwelveHex_noHashIsADash() {
        assertThat(ShortHash.of("3f1c9a7be2d04c6f8a1b5e9d7c3f2a1b0e4d6c8a9b7f5e3d1c2b4a6f8e0d9c7b"))
                .isEqualTo("3f1c9a7be2d0");
        assertThat(ShortHash.of("0afc")).isEqualTo("0afc");
        assertThat(ShortHash.of(null)).isEqualTo("-");
        assertThat(StatusFormat.hash(null)).isEqualTo("-");
    }

    @ParameterizedTest(name = "{0} before now reads \"{1}\"")
    @CsvSource({
        "0, 0 s ago",
        "12, 12 s ago",
        "119, 119 s ago",
        "121, 2 min ago",
        "7199, 119 min ago",
        "7200, 2 h ago",
        "172799, 47 h ago",
        "172800, 2 d ago",
        "-40, in 40 s"
    })
    void instantBeforeNow_readsAsHowLongAgo(long secondsBefore, String expected) {
        Instant now = Instant.parse("2026-12-07T02:10:00Z");
        assertThat(RelativeTime.between(now.minusSeconds(secondsBefore), now)).isEqualTo(expected);
        assertThat(StatusFormat.ago(now.minusSeconds(secondsBefore).toString(), now.toString()))
                .isEqualTo(expected);
    }

    @Test
    void notAnInstant_readsAsQuestionMark_noInstantAsDash() {
        assertThat(RelativeTime.between("yesterday", "2026-12-07T02:10:00Z")).isEqualTo("?");
        assertThat(StatusFormat.ago(null, "2026-12-07T02:10:00Z")).isEqualTo("-");
    }

    @ParameterizedTest(name = "{0} ms reads \"{1}\"")
    @CsvSource({
        "0, 0 ms",
        "120, 120 ms",
        "999, 999 ms",
        "1000, 1.0 s",
        "4088, 4.1 s",
        "59999, 60.0 s",
        "60000, 1 min 0 s",
        "245000, 4 min 5 s"
    })
    void durationInMillis_readsInMillisSecondsOrMinutes(long millis, String expected) {
        assertThat(DurationText.ofMillis(millis)).isEqualTo(expected);
        assertThat(StatusFormat.took(millis)).isEqualTo(expected);
    }

    @Test
    void noDuration_isADash() {
        assertThat(StatusFormat.took(null)).isEqualTo("-");
    }

    @Test
    void longMultiLineReason_becomesOneLineOfAtMost120Characters() {
        String reason = "local normal,\n  partner normal " + "x".repeat(300);

        String line = OneLine.of(reason);

        assertThat(line)
                .hasSize(OneLine.MAX)
                .startsWith("local normal, partner normal x")
                .endsWith("…");
        assertThat(line).doesNotContain("\n");
        assertThat(OneLine.of("short")).isEqualTo("short");
        assertThat(OneLine.of(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "NORMAL, ok",
        "SYNCING, warn",
        "PARTNER_UNREACHABLE, warn",
        "SERVING_ALONE, bad",
        "LEASE_STATE_LOST, bad",
        "NOT_SERVING, bad",
        "UNKNOWN, unknown",
        "A_STATE_OF_A_NEWER_AGENT, unknown"
    })
    void peerHealth_getsAToneAndAMeaning(String health, String tone) {
        assertThat(StatusFormat.tone(health)).isEqualTo(tone);
        assertThat(StatusFormat.meaning(health)).isNotBlank();
    }

    @Test
    void noHealth_isUnknownWithItsMeaning() {
        assertThat(StatusFormat.tone(null)).isEqualTo("unknown");
        assertThat(StatusFormat.meaning("PARTNER_UNREACHABLE")).contains("out of touch");
    }

    @ParameterizedTest(name = "{0} is {1}, {2}, width {3}")
    @CsvSource({
        "0.0, 0 %, ok, 0.0",
        "0.5, 50 %, ok, 50.0",
        "0.76, 76 %, warn, 76.0",
        "0.91, 91 %, bad, 91.0",
        "1.2, 120 %, bad, 100.0"
    })
    void utilization_readsAsPercentToneAndBarWidth(
            double ratio, String percent, String fill, String width) {
        assertThat(StatusFormat.percent(ratio)).isEqualTo(percent);
        assertThat(StatusFormat.fill(ratio)).isEqualTo(fill);
        assertThat(StatusFormat.width(ratio)).isEqualTo(width);
    }

    @Test
    void noUtilization_isADashAndAnEmptyBar() {
        assertThat(StatusFormat.percent(null)).isEqualTo("-");
        assertThat(StatusFormat.percent(Double.NaN)).isEqualTo("-");
        assertThat(StatusFormat.width(null)).isEqualTo("0.0");
    }

    @Test
    void nanosecondInstant_readsToTheSecondInUtc() {
        assertThat(StatusFormat.clock("2026-12-07T02:49:20.165099319Z"))
                .isEqualTo("2026-12-07 02:49:20 UTC");
        assertThat(StatusFormat.clock(null)).isEqualTo("-");
        assertThat(AbsoluteTime.of("soon")).isEqualTo("soon");
    }

    @ParameterizedTest(name = "step outcome {0} is {1}")
    @CsvSource({"done, ok", "retry, warn", "halt, bad", "roll-back, bad"})
    void stepOutcome_getsATone(String outcome, String tone) {
        assertThat(StatusFormat.outcome(outcome)).isEqualTo(tone);
    }
}
