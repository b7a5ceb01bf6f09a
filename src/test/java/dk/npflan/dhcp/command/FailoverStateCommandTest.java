package dk.npflan.dhcp.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Usage, settings and key-file errors of the command, and where its defaults come from; its OMAPI
 * paths run against real dhcpd in {@code OmapiClientDhcpdTest}.
 */
class FailoverStateCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--key-file k --peer p                                     | Missing required option: '--server=HOST'",
                "--server h --peer p                                       | --key-file is required (or set netbox-dhcpd.omapi.key-file",
                "--server h --key-file k --peer p --port 70000             | --port must be a number from 1 to 65535",
                "--server h --key-file k --peer p --port x                 | Invalid value for option '--port'",
                "--server h --key-file k --peer                            | Missing required parameter for option '--peer'",
                "--server h --key-file k --peer p --verbose yes            | Unknown options: '--verbose', 'yes'",
                "--server h --key-file /nonexistent/omapi.key --peer p     | BAD_KEY_FILE",
            })
    void badInvocation_exitsTwoWithAReason(String args, String message) {
        CommandRun run = CommandRun.command("failover-state", args.trim().split(" +"));
        assertThat(run.code()).isEqualTo(FailoverStateOutcome.ERROR.exitCode());
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(message);
    }

    @Test
    void onlyServerGiven_portKeyPeerAndTimeoutsComeFromTheSettings() {
        FailoverStateCommand command = parsed("--server", "10.0.0.1");

        FailoverStateCommand.Request request =
                command.request(
                        CommandRun.context(
                                Map.of(
                                        "NETBOX_DHCPD_OMAPI_PORT", "7912",
                                        "NETBOX_DHCPD_OMAPI_KEY_FILE", "/run/omapi/omapi.key",
                                        "NETBOX_DHCPD_OMAPI_TIMEOUTS_EXCHANGE", "PT2S")));

        assertThat(request.port()).isEqualTo(7912);
        assertThat(request.keyFile()).hasToString("/run/omapi/omapi.key");
        assertThat(request.peer()).isEqualTo("failover-partner");
        assertThat(request.timeouts().exchange()).hasSeconds(2);
    }

    @Test
    void optionsGiven_overrideTheSettings() {
        FailoverStateCommand command =
                parsed(
                        "--server",
                        "h",
                        "--port",
                        "7000",
                        "--key-file",
                        "k",
                        "--peer",
                        "p",
                        "--timeout-seconds",
                        "1");

        FailoverStateCommand.Request request =
                command.request(CommandRun.context(Map.of("NETBOX_DHCPD_OMAPI_PORT", "7912")));

        assertThat(request.port()).isEqualTo(7000);
        assertThat(request.keyFile()).hasToString("k");
        assertThat(request.peer()).isEqualTo("p");
        assertThat(request.timeouts().exchange()).hasSeconds(1);
        assertThat(request.timeouts().connect()).hasSeconds(1);
    }

    @Test
    void badPortSetting_exitsTwoWithOneLineNamingPropertyAndEnvVar() {
        CommandRun run =
                CommandRun.of(
                        Map.of("netbox-dhcpd.omapi.port", "0"),
                        "failover-state",
                        "--server",
                        "h",
                        "--key-file",
                        "k");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip())
                .startsWith("error: netbox-dhcpd.omapi.port (NETBOX_DHCPD_OMAPI_PORT): ")
                .doesNotContain("\n")
                .doesNotContain("Exception");
    }

    private static FailoverStateCommand parsed(String... args) {
        FailoverStateCommand command = new FailoverStateCommand();
        new picocli.CommandLine(command).parseArgs(args);
        return command;
    }
}
