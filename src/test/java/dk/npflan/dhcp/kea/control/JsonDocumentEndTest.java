package dk.npflan.dhcp.kea.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Finding the end of one JSON answer that arrives in pieces. */
class JsonDocumentEndTest {

    @Test
    void objectInOneChunk_isCompleteAtItsClosingBrace() {
        assertThat(feed(new JsonDocumentEnd(), "{ \"result\": 0, \"arguments\": {\"a\": [1, 2]} }"))
                .isTrue();
    }

    @Test
    void bracesAndEscapedQuotesInsideStrings_doNotCount() {
        JsonDocumentEnd end = new JsonDocumentEnd();
        assertThat(feed(end, "{\"text\": \"a } b \\\" } { [\"")).isFalse();
        assertThat(feed(end, ", \"x\": \"\\\\\"")).isFalse();
        assertThat(feed(end, "}")).isTrue();
    }

    @Test
    void answerSplitAnywhere_completesOnlyWithItsLastByte() {
        String answer = "{\"arguments\": {\"Dhcp4\": {\"subnet4\": [{\"id\": 1}]}}, \"result\": 0}";
        for (int split = 1; split < answer.length(); split++) {
            JsonDocumentEnd end = new JsonDocumentEnd();
            assertThat(feed(end, answer.substring(0, split))).as("split at %d", split).isFalse();
            assertThat(feed(end, answer.substring(split))).as("split at %d", split).isTrue();
        }
    }

    @Test
    void controlAgentList_isCompleteAtItsClosingBracket() {
        JsonDocumentEnd end = new JsonDocumentEnd();
        assertThat(feed(end, "[ { \"result\": 0 } ")).isFalse();
        assertThat(feed(end, "]")).isTrue();
    }

    @Test
    void truncatedAnswer_isNotComplete() {
        assertThat(feed(new JsonDocumentEnd(), "{ \"result\": 1, \"text\": \"x\"")).isFalse();
    }

    private static boolean feed(JsonDocumentEnd end, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return end.feed(bytes, 0, bytes.length);
    }
}
