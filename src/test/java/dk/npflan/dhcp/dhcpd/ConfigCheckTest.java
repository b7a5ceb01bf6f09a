package dk.npflan.dhcp.dhcpd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ConfigCheckTest {

    @Test
    void failedCheck_reportsTheFirstErrorAfterTheBanner() throws IOException {
        String output = DhcpdLogRecognizerTest.fixture("/dhcpd/dhcpd-t-semicolon.txt");

        ConfigCheck check = ConfigCheck.of(1, output);

        assertThat(check.verdict()).isEqualTo(ConfigCheck.Verdict.FAILED);
        assertThat(check.passed()).isFalse();
        assertThat(check.firstError()).contains("/etc/dhcp/dhcpd.conf line 2: semicolon expected.");
    }

    @Test
    void exitZero_passesWithoutError() {
        ConfigCheck check = ConfigCheck.of(0, "Config file: /etc/dhcp/dhcpd.conf\n");

        assertThat(check.passed()).isTrue();
        assertThat(check.firstError()).isEmpty();
    }
}
