package dk.npflan.dhcp.omapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OmapiKeyFileParserTest {

    private static final byte[] SECRET = "sixteen byte key".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @ValueSource(strings = {"key-quoted.key", "key-unquoted.key", "key-in-dhcpd.conf"})
    void dhcpdKeySyntax_yieldsNameAndDecodedSecret(String file) throws Exception {
        OmapiKey key = OmapiKeyFileParser.read(fixture(file));
        assertThat(key.name()).isEqualTo("omapi_key");
        assertThat(key.secret()).isEqualTo(SECRET);
    }

    @ParameterizedTest
    @CsvSource({
        "key-two-without-omapi-key.key, no omapi-key statement",
        "key-sha256.key, only hmac-md5",
        "key-bad-base64.key, not valid base64",
        "key-no-secret.key, no secret",
        "key-unterminated.key, missing '}'",
        "key-none.key, no key statement",
    })
    void unusableKeyFile_failsWithBadKeyFile(String file, String message) {
        assertThatThrownBy(() -> OmapiKeyFileParser.read(fixture(file)))
                .isInstanceOfSatisfying(OmapiException.class,
                        e -> assertThat(e.reason()).isEqualTo(OmapiException.Reason.BAD_KEY_FILE))
                .hasMessageContaining(message);
    }

    @Test
    void missingFile_failsWithBadKeyFile() {
        assertThatThrownBy(() -> OmapiKeyFileParser.read(Path.of("/nonexistent/omapi.key")))
                .isInstanceOfSatisfying(OmapiException.class,
                        e -> assertThat(e.reason()).isEqualTo(OmapiException.Reason.BAD_KEY_FILE));
    }

    @Test
    void badBase64_errorDoesNotEchoTheSecret() {
        assertThatThrownBy(() -> OmapiKeyFileParser.parse("key k { secret \"s3cr3t-value!\"; }"))
                .message().doesNotContain("s3cr3t-value");
    }

    @Test
    void key_toStringRedactsTheSecret() throws Exception {
        OmapiKey key = OmapiKeyFileParser.read(fixture("key-quoted.key"));
        assertThat(key.toString()).contains("omapi_key").doesNotContain("c2l4dGVlbiBieXRlIGtleQ")
                .doesNotContain("sixteen");
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(OmapiKeyFileParserTest.class.getResource("/omapi/" + name).toURI());
    }
}
