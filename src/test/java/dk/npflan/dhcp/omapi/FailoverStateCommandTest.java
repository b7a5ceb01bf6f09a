package dk.npflan.dhcp.omapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Usage and key-file errors of the command; its OMAPI paths run against real dhcpd in {@link
 * OmapiClientDhcpdTest}.
 */
class FailoverStateCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--server h --key-file k                                   | --server, --key-file and --peer are required",
                "--server h --key-file k --peer p --port 70000             | --port must be a number from 1 to 65535",
                "--server h --key-file k --peer p --port x                 | --port must be a number from 1 to 65535",
                "--server h --key-file k --peer                            | --peer needs a value",
                "--server h --key-file k --peer p --verbose yes            | unknown option --verbose",
                "--server h --key-file /nonexistent/omapi.key --peer p     | BAD_KEY_FILE",
            })
    void badInvocation_exitsTwoWithAReason(String args, String message) {
        OmapiClientDhcpdTest.Run run = OmapiClientDhcpdTest.command(args.trim().split(" +"));
        assertThat(run.code()).isEqualTo(FailoverStateCommand.ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(message);
    }
}
