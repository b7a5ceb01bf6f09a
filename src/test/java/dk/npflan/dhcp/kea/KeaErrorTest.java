package dk.npflan.dhcp.kea;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Both shapes of kea-dhcp4 2.2's {@code -t} errors, as it printed them on this machine. */
class KeaErrorTest {

    @Test
    void refusedConfig_givesTheTextAndThePosition() {
        String output =
                "2026-12-06 22:32:03.632 INFO  [kea-dhcp4.dhcpsrv/8684.1] DHCPSRV_CFGMGR_NEW_SUBNET4 a new"
                        + " subnet has been added to configuration: 10.0.0.0/24\n"
                        + "2026-12-06 22:32:03.632 ERROR [kea-dhcp4.dhcp4/8684.1] DHCP4_PARSER_FAIL failed"
                        + " to create or run parser for configuration element subnet4: subnet with the"
                        + " prefix of '10.0.0.0/24' already exists (d.json:12:49)\n"
                        + "Error encountered: subnet with the prefix of '10.0.0.0/24' already exists"
                        + " (d.json:12:49)\n";

        KeaError error = KeaError.parse(output).orElseThrow();

        assertThat(error.text())
                .isEqualTo("subnet with the prefix of '10.0.0.0/24' already exists (d.json:12:49)");
        assertThat(error.line()).isEqualTo(OptionalLong.of(12));
        assertThat(error.column()).isEqualTo(OptionalLong.of(49));
    }

    @Test
    void configThatDoesNotParse_givesTheTextAndThePosition() {
        KeaError error =
                KeaError.parse(
                                "Syntax check failed with: g.json:5.26-36: got unexpected keyword"
                                        + " \"bogus-key\" in Dhcp4 map.\n")
                        .orElseThrow();

        assertThat(error.text()).isEqualTo("got unexpected keyword \"bogus-key\" in Dhcp4 map.");
        assertThat(error.line()).isEqualTo(OptionalLong.of(5));
        assertThat(error.column()).isEqualTo(OptionalLong.of(26));
    }

    @Test
    void onlyALoggedError_givesThatLinesText() {
        KeaError error =
                KeaError.parse(
                                "2026-12-06 22:32:03.596 ERROR [kea-dhcp4.hooks/8678.1] HOOKS_OPEN_ERROR"
                                        + " failed to open hook library /x/libdhcp_nope.so\n")
                        .orElseThrow();

        assertThat(error.text())
                .isEqualTo("HOOKS_OPEN_ERROR failed to open hook library /x/libdhcp_nope.so");
        assertThat(error.line()).isEmpty();
    }

    @Test
    void outputWithoutAnError_givesNone() {
        assertThat(KeaError.parse("2026-12-06 22:32:03.596 INFO  [kea-dhcp4.hooks/1.1] fine\n"))
                .isEmpty();
    }
}
