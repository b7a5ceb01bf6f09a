package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenTest {

    @TempDir Path dir;

    @Test
    void exactToken_accepted_evenWithTrailingNewlineInTheSecretFile() throws IOException {
        BearerToken token = token("s3cret-token\n");

        assertThat(token.accepts("Bearer s3cret-token")).isTrue();
        assertThat(token.accepts("bearer s3cret-token")).isTrue();
    }

    @Test
    void wrongMissingOrOtherScheme_refused() throws IOException {
        BearerToken token = token("s3cret-token");

        assertThat(token.accepts("Bearer s3cret-tokeN")).isFalse();
        assertThat(token.accepts("Bearer s3cret-token-and-more")).isFalse();
        assertThat(token.accepts("Basic s3cret-token")).isFalse();
        assertThat(token.accepts("s3cret-token")).isFalse();
        assertThat(token.accepts(null)).isFalse();
    }

    @Test
    void noFileOrEmptyFile_everythingRefused() throws IOException {
        assertThat(new BearerToken(dir.resolve("absent")).accepts("Bearer ")).isFalse();
        assertThat(token("  \n").accepts("Bearer ")).isFalse();
    }

    @Test
    void rotatedSecret_takesEffectWithoutRestart() throws IOException {
        BearerToken token = token("old-token");
        Files.writeString(dir.resolve("token"), "new-token");

        assertThat(token.accepts("Bearer old-token")).isFalse();
        assertThat(token.accepts("Bearer new-token")).isTrue();
    }

    private BearerToken token(String content) throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, content);
        return new BearerToken(file);
    }
}
