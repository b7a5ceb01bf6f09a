package dk.npflan.dhcp.dhcpd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigCheckTest {

    @Test
    void failedCheck_reportsTheFirstErrorAfterTheBanner() throws IOException {
        String output = DhcpdLogRecognizerTest.fixture("/dhcpd/dhcpd-t-semicolon.txt");

        ConfigCheck check = ConfigCheck.of(1, output, Duration.ZERO);

        assertThat(check.verdict()).isEqualTo(ConfigCheck.Verdict.FAILED);
        assertThat(check.passed()).isFalse();
        assertThat(check.firstError()).contains("/etc/dhcp/dhcpd.conf line 2: semicolon expected.");
    }

    @Test
    void warningBeforeTheError_isNotTakenForTheError() {
        String output =
                """
                Internet Systems Consortium DHCP Server 4.4.3-P1
                Copyright 2004-2022 Internet Systems Consortium.
                All rights reserved.
                For info, please visit https://www.isc.org/software/dhcp/
                Warning: subnet 10.0.0.0/24 overlaps subnet 10.0.0.0/23
                /etc/dhcp/dhcpd.conf line 9: semicolon expected.
                """;

        assertThat(ConfigCheck.of(1, output, Duration.ZERO).firstError())
                .contains("/etc/dhcp/dhcpd.conf line 9: semicolon expected.");
    }

    @Test
    void exitZero_passesWithoutError() {
        ConfigCheck check = ConfigCheck.of(0, "Config file: /etc/dhcp/dhcpd.conf\n", Duration.ZERO);

        assertThat(check.passed()).isTrue();
        assertThat(check.firstError()).isEmpty();
    }
}
