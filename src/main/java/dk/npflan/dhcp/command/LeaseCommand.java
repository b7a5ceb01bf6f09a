package dk.npflan.dhcp.command;

import dk.npflan.dhcp.SettingsException;
import dk.npflan.dhcp.backend.BackendSettings;
import dk.npflan.dhcp.kea.KeaSettings;
import dk.npflan.dhcp.pipeline.RelativeTime;
import io.smallrye.config.SmallRyeConfig;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netbox-dhcpd lease IP|MAC}: the on-call question "does the pair know this client?",
 * answered by both peers' servers themselves (dhcpd over OMAPI, Kea through {@code lease4-get*} on
 * its control agent, chosen by {@code netbox-dhcpd.backend}) instead of an {@code omshell} session
 * with a pasted secret. One line per peer: address, state, client MAC and host name, start and end.
 * The OMAPI key is read from the file the agent uses and never printed. Exit codes follow {@link
 * LeaseOutcome}.
 */
@Command(
        name = "lease",
        description = {
            "Find the lease of an IPv4 address or a client MAC on both peers: state, client,"
                    + " start/end, which peer (dhcpd: OMAPI; Kea: lease4-get through the control"
                    + " agent).",
            "Exit 0 when both peers hold it active, 1 when one or both hold none, 2 when a peer"
                    + " could not be asked or on a usage/settings error."
        })
public final class LeaseCommand extends Subcommand {

    @Parameters(
            index = "0",
            paramLabel = "IP|MAC",
            description = "e.g. 198.18.100.150 or 02:00:5e:00:53:01")
    String what;

    @Option(
            names = "--primary",
            required = true,
            paramLabel = "HOST|URL",
            description = "the primary: dhcpd's host (OMAPI), or Kea's control agent URL")
    String primary;

    @Option(
            names = "--secondary",
            required = true,
            paramLabel = "HOST|URL",
            description = "the secondary, as --primary")
    String secondary;

    private final Clock clock = Clock.systemUTC();

    @Override
    protected LeaseOutcome run(CommandContext context) {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        LeaseQuery query;
        LeaseLookup lookup;
        try {
            query = LeaseQuery.parse(what);
            lookup = lookup(context);
        } catch (IllegalArgumentException | SettingsException e) {
            err.println("lease: " + e.getMessage());
            return LeaseOutcome.UNREACHABLE;
        }
        Map<String, PeerLease> answers = new LinkedHashMap<>();
        answers.put("primary", lookup.find(primary, query));
        answers.put("secondary", lookup.find(secondary, query));
        LeaseOutcome outcome = LeaseOutcome.FOUND;
        for (Map.Entry<String, PeerLease> answer : answers.entrySet()) {
            String role = answer.getKey();
            PeerLease lease = answer.getValue();
            if (lease instanceof PeerLease.Found f) {
                out.println(line(role, f, clock.instant()));
                if (!f.active() && outcome == LeaseOutcome.FOUND) {
                    outcome = LeaseOutcome.NOT_FOUND;
                }
            } else if (lease instanceof PeerLease.NotFound n) {
                out.printf("%-9s  no lease for %s: %s%n", role, query, n.why());
                if (outcome == LeaseOutcome.FOUND) {
                    outcome = LeaseOutcome.NOT_FOUND;
                }
            } else if (lease instanceof PeerLease.Unreachable u) {
                err.printf("lease: the %s could not be asked: %s%n", role, u.why());
                outcome = LeaseOutcome.UNREACHABLE;
            }
        }
        return outcome;
    }

    static String line(String role, PeerLease.Found f, Instant now) {
        return String.format(
                "%-9s  %-15s  %-8s  %s  %s  starts %s  ends %s",
                role,
                f.address(),
                f.state(),
                f.mac().orElse("no-mac"),
                f.hostname().map(h -> "\"" + h + "\"").orElse("no-hostname"),
                f.starts().map(Instant::toString).orElse("-"),
                f.ends().map(e -> e + " (" + RelativeTime.between(e, now) + ")").orElse("-"));
    }

    private static LeaseLookup lookup(CommandContext context) {
        SmallRyeConfig config = context.settings(BackendSettings.class);
        BackendSettings.Kind kind = config.getConfigMapping(BackendSettings.class).kind();
        if (kind == BackendSettings.Kind.KEA) {
            KeaSettings kea =
                    context.settings(KeaSettings.class).getConfigMapping(KeaSettings.class);
            return new KeaLeaseLookup(
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(),
                    kea.control().timeouts());
        }
        return new OmapiLeaseLookup(OmapiAccess.from(context));
    }
}
