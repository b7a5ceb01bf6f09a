package dk.npflan.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "52:54:00:AB:cd:EF",
                "52-54-00-ab-cd-ef",
                "5254.00ab.cdef",
                " 52:54:00:ab:cd:ef "
            })
    void netBoxDashAndCiscoForms_parseToOneCanonicalForm(String text) {
        assertThat(MacAddress.parse(text))
                .hasValueSatisfying(mac -> assertThat(mac).hasToString("52:54:00:ab:cd:ef"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "",
                "52:54:00:ab:cd",
                "52:54:00:ab:cd:ef:01",
                "52:54-00:ab:cd:ef",
                "52:54:00:ab:cd:eg",
                "52:54:00:ab:cd:e\u0663",
                "52:54:00:ab:cd:ef;",
                "52:54:00:ab:cd:ef\n}",
                "525400abcdef",
                "+2:54:00:ab:cd:ef"
            })
    void anythingElse_isRefused(String text) {
        assertThat(MacAddress.parse(text)).isEmpty();
    }
}
