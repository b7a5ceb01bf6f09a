package dk.npflan.dhcp.command;

import dk.npflan.dhcp.SettingsException;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.omapi.FailoverStatus;
import dk.npflan.dhcp.omapi.OmapiClient;
import dk.npflan.dhcp.omapi.OmapiException;
import dk.npflan.dhcp.omapi.OmapiKey;
import dk.npflan.dhcp.omapi.OmapiKeyFileParser;
import dk.npflan.dhcp.omapi.OmapiSettings;
import dk.npflan.dhcp.omapi.OmapiTimeouts;
import io.smallrye.config.SmallRyeConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netbox-dhcpd failover-state}: lets an operator (or a script) ask one dhcpd for its
 * failover state the same way the rollout does, without omshell. Runs as plain Java without
 * Quarkus. Port, key file and timeouts default from {@link OmapiSettings} and the peer name from
 * the rendered config's {@code netbox-dhcpd.config.failover.peer-name}, so on a configured host
 * {@code --server} is all it needs. Exit codes follow {@link FailoverStateOutcome}.
 */
@Command(
        name = "failover-state",
        description = {
            "Read a dhcpd's failover state over OMAPI.",
            "Exit 0 when local and partner are both normal, 1 when not, 2 on a usage, settings,"
                    + " key file, connect, authentication or protocol error."
        })
public final class FailoverStateCommand extends Subcommand {

    @Option(names = "--server", required = true, paramLabel = "HOST", description = "dhcpd host")
    String server;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "OMAPI port (default: netbox-dhcpd.omapi.port, 7911)")
    Integer port;

    @Option(
            names = "--key-file",
            paramLabel = "FILE",
            description =
                    "file with the OMAPI key statement (default: netbox-dhcpd.omapi.key-file)")
    Path keyFile;

    @Option(
            names = "--peer",
            paramLabel = "NAME",
            description =
                    "failover peer name (default: netbox-dhcpd.config.failover.peer-name,"
                            + " failover-partner)")
    String peer;

    @Option(
            names = "--timeout-seconds",
            paramLabel = "N",
            description =
                    "deadline per OMAPI exchange, 1-3600 (default:"
                            + " netbox-dhcpd.omapi.timeouts.exchange, 5 s)")
    Integer timeoutSeconds;

    /** The invocation with every default filled in from the settings. */
    record Request(String server, int port, Path keyFile, String peer, OmapiTimeouts timeouts) {}

    @Override
    protected FailoverStateOutcome run(CommandContext context) {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        Request request;
        try {
            request = request(context);
        } catch (SettingsException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return FailoverStateOutcome.ERROR;
        }
        try {
            OmapiKey key = OmapiKeyFileParser.read(request.keyFile());
            FailoverStatus status =
                    OmapiClient.readFailoverState(
                            request.server(),
                            request.port(),
                            key,
                            request.timeouts(),
                            request.peer());
            out.println(
                    "server "
                            + request.server()
                            + ":"
                            + request.port()
                            + " peer "
                            + status.peerName()
                            + " ("
                            + status.role()
                            + ")");
            out.println("local-state   " + status.local());
            out.println("partner-state " + status.partner());
            status.mclt()
                    .ifPresent(mclt -> out.println("mclt          " + mclt.toSeconds() + " s"));
            return status.bothNormal()
                    ? FailoverStateOutcome.BOTH_NORMAL
                    : FailoverStateOutcome.NOT_NORMAL;
        } catch (OmapiException e) {
            err.println("error: " + e.getMessage());
            return FailoverStateOutcome.ERROR;
        }
    }

    Request request(CommandContext context) {
        SmallRyeConfig config = context.settings(OmapiSettings.class, DhcpdSettings.class);
        OmapiSettings omapi = config.getConfigMapping(OmapiSettings.class);
        DhcpdSettings dhcpd = config.getConfigMapping(DhcpdSettings.class);
        int effectivePort = port == null ? omapi.port() : checked("--port", port, 65535);
        Path key =
                Optional.ofNullable(keyFile)
                        .or(omapi::keyFile)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "--key-file is required (or set"
                                                        + " netbox-dhcpd.omapi.key-file,"
                                                        + " NETBOX_DHCPD_OMAPI_KEY_FILE)"));
        OmapiTimeouts timeouts = omapi.omapiTimeouts();
        if (timeoutSeconds != null) {
            Duration exchange =
                    Duration.ofSeconds(checked("--timeout-seconds", timeoutSeconds, 3600));
            Duration connect =
                    timeouts.connect().compareTo(exchange) < 0 ? timeouts.connect() : exchange;
            timeouts = new OmapiTimeouts(connect, exchange);
        }
        String peerName = peer == null ? dhcpd.failover().peerName() : peer;
        return new Request(server, effectivePort, key, peerName, timeouts);
    }

    private static int checked(String option, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(
                    option + " must be a number from 1 to " + max + ", got " + value);
        }
        return value;
    }
}
