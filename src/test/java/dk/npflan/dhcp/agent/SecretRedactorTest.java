package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.omapi.OmapiKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    @Test
    void tokenAndKeySecret_replacedWherever_theyAppear() {
        SecretRedactor redactor = new SecretRedactor();
        OmapiKey key = new OmapiKey("k", "0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        String base64 = Base64.getEncoder().encodeToString(key.secret());
        redactor.add("the-token-value");
        redactor.add(key);

        String text = redactor.redact("line 3: secret \"" + base64 + "\"; Bearer the-token-value");

        assertThat(text)
                .doesNotContain(base64)
                .doesNotContain("the-token-value")
                .contains("<redacted>");
    }

    @Test
    void blankOrTinyValues_ignored_soTextIsNotMangled() {
        SecretRedactor redactor = new SecretRedactor();
        redactor.add(" ");
        redactor.add("ab");

        assertThat(redactor.redact("abc def")).isEqualTo("abc def");
    }
}
