package dk.npflan.dhcp.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import org.junit.jupiter.api.Test;

/**
 * The one line {@code serve} prints when Quarkus fails to start (Quarkus itself prints nothing).
 */
class ServeCommandTest {

    @Test
    void httpPortTaken_lineNamesTheSettingThatMovesIt() {
        RuntimeException failure =
                new RuntimeException(
                        "Unable to start HTTP server",
                        new BindException("Port already bound: 8080: Address already in use"));

        assertThat(ServeCommand.startFailure(failure))
                .isEqualTo(
                        "the HTTP port is in use (Port already bound: 8080: Address already in use):"
                                + " stop whatever holds it, or set quarkus.http.port (QUARKUS_HTTP_PORT)");
    }

    @Test
    void otherFailure_lineNamesTheRootCause() {
        RuntimeException failure =
                new RuntimeException("boot", new IllegalStateException("no channel netbox-events"));

        assertThat(ServeCommand.startFailure(failure))
                .isEqualTo(
                        "the service did not start: java.lang.IllegalStateException: no channel"
                                + " netbox-events");
    }
}
