package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DhcpdExitReasonTest {

    @Test
    void dhcpdGivesUp_theLineBeforeItsBugReportBoilerplate() {
        List<String> log =
                List.of(
                        "Internet Systems Consortium DHCP Server 4.4.3-P1",
                        "No subnet declaration for eth0 (10.1.2.3).",
                        "** Ignoring requests on eth0.  If this is not what",
                        "Not configured to listen on any interfaces!",
                        "",
                        "If you think you have received this message due to a bug rather",
                        "than a configuration issue please read the section on submitting",
                        "exiting.");

        assertThat(DhcpdWatchdog.exitReason(log))
                .isEqualTo("Not configured to listen on any interfaces!");
    }

    @Test
    void noBoilerplate_lastLine_noOutput_saysSo() {
        assertThat(DhcpdWatchdog.exitReason(List.of("a", "b  "))).isEqualTo("b");
        assertThat(DhcpdWatchdog.exitReason(List.of())).isEqualTo("(no log output)");
    }
}
