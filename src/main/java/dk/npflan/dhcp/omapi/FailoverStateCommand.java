package dk.npflan.dhcp.omapi;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code netbox-dhcpd failover-state}: lets an operator (or a script) ask one dhcpd for its
 * failover state the same way the rollout does, without omshell. Runs as plain Java without
 * Quarkus.
 *
 * <p>Exit codes: 0 when local and partner are both normal, 1 when they are not, 2 on a usage, key
 * file, connect, authentication or protocol error.
 */
public final class FailoverStateCommand {

    static final String USAGE =
            "usage: netbox-dhcpd failover-state --server HOST [--port 7911] --key-file FILE"
                    + " --peer NAME [--timeout-seconds 5]";

    public static final int BOTH_NORMAL = 0;
    public static final int NOT_NORMAL = 1;
    public static final int ERROR = 2;

    private FailoverStateCommand() {}

    /** Runs the command; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return ERROR;
        }
        try {
            OmapiKey key = OmapiKeyFileParser.read(options.keyFile());
            OmapiTimeouts timeouts =
                    new OmapiTimeouts(
                            OmapiTimeouts.DEFAULT.connect().compareTo(options.timeout()) < 0
                                    ? OmapiTimeouts.DEFAULT.connect()
                                    : options.timeout(),
                            options.timeout());
            FailoverStatus status =
                    OmapiClient.readFailoverState(
                            options.server(), options.port(), key, timeouts, options.peer());
            out.println(
                    "server "
                            + options.server()
                            + ":"
                            + options.port()
                            + " peer "
                            + status.peerName()
                            + " ("
                            + status.role()
                            + ")");
            out.println("local-state   " + status.local());
            out.println("partner-state " + status.partner());
            status.mclt()
                    .ifPresent(mclt -> out.println("mclt          " + mclt.toSeconds() + " s"));
            return status.bothNormal() ? BOTH_NORMAL : NOT_NORMAL;
        } catch (OmapiException e) {
            err.println("error: " + e.getMessage());
            return ERROR;
        }
    }

    /** Parsed command line. */
    record Options(String server, int port, Path keyFile, String peer, Duration timeout) {

        static Options parse(List<String> args) {
            String server = null;
            int port = 7911;
            Path keyFile = null;
            String peer = null;
            Duration timeout = OmapiTimeouts.DEFAULT.exchange();
            for (int i = 0; i < args.size(); i += 2) {
                String flag = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args.get(i + 1);
                switch (flag) {
                    case "--server" -> server = value;
                    case "--port" -> port = parsePositive(flag, value, 65535);
                    case "--key-file" -> keyFile = Path.of(value);
                    case "--peer" -> peer = value;
                    case "--timeout-seconds" ->
                            timeout = Duration.ofSeconds(parsePositive(flag, value, 3600));
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (server == null || keyFile == null || peer == null) {
                throw new IllegalArgumentException("--server, --key-file and --peer are required");
            }
            return new Options(server, port, keyFile, peer, timeout);
        }

        private static int parsePositive(String flag, String value, int max) {
            try {
                int n = Integer.parseInt(value);
                if (n >= 1 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(
                    flag + " must be a number from 1 to " + max + ", got " + value);
        }
    }
}
