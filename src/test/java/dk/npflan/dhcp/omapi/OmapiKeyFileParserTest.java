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
        "key-gss-tsig.key, algorithm gss-tsig is not supported",
        "key-bad-base64.key, not valid base64",
        "key-no-secret.key, no secret",
        "key-unterminated.key, missing '}'",
        "key-none.key, no key statement",
    })
    void unusableKeyFile_failsWithBadKeyFile(String file, String message) {
        assertThatThrownBy(() -> OmapiKeyFileParser.read(fixture(file)))
                .isInstanceOfSatisfying(
                        OmapiException.class,
                        e -> assertThat(e.reason()).isEqualTo(OmapiException.Reason.BAD_KEY_FILE))
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({
        "hmac-md5, HMAC_MD5",
        "HMAC-MD5.SIG-ALG.REG.INT, HMAC_MD5",
        "hmac-md5.SIG-ALG.REG.INT., HMAC_MD5",
        "hmac-sha1, HMAC_SHA1",
        "hmac-sha224, HMAC_SHA224",
        "hmac-sha256, HMAC_SHA256",
        "hmac-sha384, HMAC_SHA384",
        "hmac-sha512.SIG-ALG.REG.INT, HMAC_SHA512",
    })
    void algorithmNames_shortOrLong_mapToTheAlgorithm(String name, OmapiKeyAlgorithm algorithm)
            throws Exception {
        OmapiKey key =
                OmapiKeyFileParser.parse(
                        "key k { algorithm " + name + "; secret c2l4dGVlbiBieXRlIGtleQ==; }");
        assertThat(key.algorithm()).isEqualTo(algorithm);
    }

    @Test
    void sha256File_isRead() throws Exception {
        assertThat(OmapiKeyFileParser.read(fixture("key-sha256.key")).algorithm())
                .isEqualTo(OmapiKeyAlgorithm.HMAC_SHA256);
    }

    @Test
    void missingFile_failsWithBadKeyFile() {
        assertThatThrownBy(() -> OmapiKeyFileParser.read(Path.of("/nonexistent/omapi.key")))
                .isInstanceOfSatisfying(
                        OmapiException.class,
                        e -> assertThat(e.reason()).isEqualTo(OmapiException.Reason.BAD_KEY_FILE));
    }

    @Test
    void badBase64_errorDoesNotEchoTheSecret() {
        assertThatThrownBy(() -> OmapiKeyFileParser.parse("key k { secret \"s3cr3t-value!\"; }"))
                .message()
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void key_toStringRedactsTheSecret() throws Exception {
        OmapiKey key = OmapiKeyFileParser.read(fixture("key-quoted.key"));
        assertThat(key.toString())
                .contains("omapi_key")
                .doesNotContain("c2l4dGVlbiBieXRlIGtleQ")
                .doesNotContain("sixteen");
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(OmapiKeyFileParserTest.class.getResource("/omapi/" + name).toURI());
    }
}
