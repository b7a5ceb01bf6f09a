package dk.npflan.dhcp.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretStrengthTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // what deploy/base/secrets.yaml shipped, and the README's embedded-run example
        "REPLACE-ME, PLACEHOLDER",
        "change-me, PLACEHOLDER",
        "CHANGEME, PLACEHOLDER",
        "'  replace-me  ', PLACEHOLDER",
        "<token>, PLACEHOLDER",
        "s3cret, TOO_SHORT",
        "0123456789abcde, TOO_SHORT",
        "0123456789abcdef, ACCEPTED",
        // a placeholder inside a longer value is the value's business, not a placeholder
        "example-webhook-secret-change-me, ACCEPTED",
        // bytes, not characters: 8 characters, 16 bytes
        "ææææææææ, ACCEPTED",
        "æææææææ, TOO_SHORT"
    })
    void secret_isJudgedByPlaceholderAndLength(String value, SecretStrength expected) {
        assertThat(SecretStrength.of(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"REPLACE-ME", "tok-1234"})
    void refusal_namesTheSettingNeverTheValue(String value) {
        assertThat(SecretStrength.of(value).refusal("NETBOX_WEBHOOK_SECRET (x)"))
                .hasValueSatisfying(
                        line ->
                                assertThat(line)
                                        .startsWith("NETBOX_WEBHOOK_SECRET (x) is ")
                                        .doesNotContain(value)
                                        .doesNotContain("\n"));
        assertThat(SecretStrength.of("0123456789abcdef0123").refusal("x")).isEmpty();
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"15, TOO_SHORT", "16, ACCEPTED", "32, ACCEPTED"})
    void key_isJudgedByItsDecodedLength(int bytes, SecretStrength expected) {
        assertThat(SecretStrength.ofKey("k".repeat(bytes).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(expected);
    }
}
