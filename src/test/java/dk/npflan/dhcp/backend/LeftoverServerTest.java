package dk.npflan.dhcp.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LeftoverServerTest {

    private static final List<String> SERVE =
            List.of(
                    "-4",
                    "-f",
                    "-d",
                    "-cf",
                    "/run/p/dhcpd.conf",
                    "-lf",
                    "/var/p.leases",
                    "--no-pid");

    private static boolean runs(String executable, String... arguments) {
        return LeftoverServer.runs(
                Optional.of(executable), Optional.of(arguments), "/usr/sbin/dhcpd", SERVE);
    }

    @Test
    void sameProgramAndArguments_isALeftover() {
        assertThat(runs("/usr/sbin/dhcpd", SERVE.toArray(String[]::new))).isTrue();
    }

    @Test
    void aScriptOfThatName_isALeftover() {
        String[] withScript =
                Stream.concat(Stream.of("/opt/dhcpd"), SERVE.stream()).toArray(String[]::new);
        assertThat(runs("/usr/bin/dash", withScript)).isTrue();
    }

    @Test
    void theOtherPeersLeaseFile_aCheck_orAnotherProgram_areNot() {
        assertThat(
                        runs(
                                "/usr/sbin/dhcpd",
                                "-4",
                                "-f",
                                "-d",
                                "-cf",
                                "/run/s/dhcpd.conf",
                                "-lf",
                                "/var/s.leases",
                                "--no-pid"))
                .isFalse();
        assertThat(runs("/usr/sbin/dhcpd", "-t", "-cf", "/run/p/dhcpd.conf")).isFalse();
        assertThat(runs("/usr/bin/strace", SERVE.toArray(String[]::new))).isFalse();
        assertThat(
                        LeftoverServer.runs(
                                Optional.of("/usr/sbin/dhcpd"),
                                Optional.empty(),
                                "/usr/sbin/dhcpd",
                                SERVE))
                .as("arguments unreadable (another user's process)")
                .isFalse();
    }
}
