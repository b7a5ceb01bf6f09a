package dk.npflan.dhcp.kea.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one place that knows which Kea versions need kea-ctrl-agent for HA. */
class KeaVersionTest {

    @ParameterizedTest(name = "{0} needs the control agent: {1}")
    @CsvSource({
        "2.2.0, true",
        "2.4.1, true",
        "2.6.3, true",
        "2.7.1, true",
        "2.7.2, false",
        "2.7.10, false",
        "3.0.0, false",
        "3.2.0, false",
    })
    void version_decidesWhetherHaPeersNeedTheControlAgent(String version, boolean needsAgent) {
        assertThat(KeaVersion.parse(version).needsControlAgent()).isEqualTo(needsAgent);
    }

    @Test
    void versionOutputWithText_isParsedFromItsFirstNumber() {
        assertThat(KeaVersion.parse("2.2.0\n")).isEqualTo(new KeaVersion(2, 2, 0));
        assertThat(KeaVersion.parse("Kea DHCPv4 server version 3.0.1 (stable)"))
                .hasToString("3.0.1");
    }

    @Test
    void outputWithoutAVersion_isRefusedWithTheText() {
        assertThatThrownBy(() -> KeaVersion.parse("command not found"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("command not found");
    }
}
