package dk.npflan.dhcp.command;

import dk.npflan.dhcp.pipeline.DurationText;
import dk.npflan.dhcp.pipeline.RelativeTime;
import dk.npflan.dhcp.pipeline.ShortHash;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netbox-dhcpd status}: serve's {@code /status} for a terminal, so on call one command says
 * whether the pair runs what is published, what the last reconcile and rollout did and whether a
 * config waits for {@code confirm}; the exit code lets a script ask the same. Exit codes follow
 * {@link StatusOutcome}.
 */
@Command(
        name = "status",
        description = {
            "Show serve's /status: peers, published hash, last reconcile and rollout, held config.",
            "Exit 0 when both peers run the published hash and are ready, 1 when not, 2 when serve"
                    + " cannot be reached."
        })
public final class StatusCommand extends Subcommand {

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "serve's base URL (default: http://localhost:quarkus.http.port, 8080)")
    String url;

    @Option(names = "--json", description = "print the raw /status document")
    boolean json;

    private final Clock clock = Clock.systemUTC();

    @Override
    protected StatusOutcome run(CommandContext context) {
        PrintWriter out = context.out();
        try {
            ServeClient serve = new ServeClient(ServeUrl.of(url, context));
            String document = serve.statusJson();
            ServeStatus status = ServeClient.parse(document);
            if (json) {
                out.println(document);
            } else {
                print(status, out);
            }
            return status.healthy() ? StatusOutcome.HEALTHY : StatusOutcome.DEGRADED;
        } catch (ServeClient.Unreachable | IllegalArgumentException e) {
            context.err().println("status: " + e.getMessage());
            return StatusOutcome.UNREACHABLE;
        }
    }

    private void print(ServeStatus s, PrintWriter out) {
        out.println("published  " + shortHash(s.publishedHash()));
        if (s.rolloutError() != null) {
            out.println("rollout target not asked: " + s.rolloutError());
        }
        for (ServeStatus.Peer p : s.peers()) {
            String running = shortHash(p.runningHash());
            String mounted = shortHash(p.mountedHash());
            out.printf(
                    "%-9s  running %s  mounted %s  failover %s/%s  %s%s%n",
                    p.role(),
                    running,
                    running.equals(mounted) ? "same" : mounted,
                    orDash(p.localState()),
                    orDash(p.partnerState()),
                    p.ready() ? "ready" : "NOT READY",
                    p.error() == null ? "" : "  (" + p.error() + ")");
        }
        if (s.peers().isEmpty()) {
            out.println("peers      none (no rollout target)");
        }
        report("reconcile ", s.lastReconcile(), out);
        ServeStatus.Report rollout = s.lastRollout();
        report("rollout   ", rollout, out);
        if (rollout != null) {
            for (ServeStatus.Step step : rollout.steps()) {
                out.printf(
                        "  %-18s %-9s %-10s %s%n",
                        step.step(),
                        orDash(step.peer()),
                        step.outcome(),
                        took(step.durationMillis()));
            }
        }
        if (s.held() != null) {
            out.println(
                    "HELD       "
                            + shortHash(s.held().hash())
                            + " by the sanity bound: "
                            + s.held().message()
                            + " (netbox-dhcpd confirm publishes it)");
        }
        if (s.heldBundle() != null) {
            out.println(
                    "HELD       "
                            + shortHash(s.heldBundle().heldHash())
                            + " after it "
                            + s.heldBundle().cause()
                            + ": "
                            + s.heldBundle().reason()
                            + "; retried at "
                            + s.heldBundle().retryAt());
        }
        ServeStatus.Pending pending = s.pending();
        if (pending != null) {
            out.println(
                    "pending    "
                            + pending.events()
                            + " event(s)"
                            + (pending.reconcileRunning() ? ", a reconcile is running" : ""));
        }
    }

    private void report(String label, ServeStatus.Report r, PrintWriter out) {
        if (r == null) {
            out.println(label + " none yet");
            return;
        }
        out.println(
                label
                        + " "
                        + r.outcome()
                        + "  "
                        + r.startedAt()
                        + " ("
                        + ago(r.startedAt())
                        + ")  "
                        + shortHash(r.hash())
                        + (r.message() == null || r.message().isBlank() ? "" : "  " + r.message()));
    }

    private String ago(String instant) {
        return RelativeTime.between(instant, clock.instant().toString());
    }

    static String took(Long millis) {
        return DurationText.ofMillis(millis);
    }

    static String shortHash(String hash) {
        return ShortHash.of(hash);
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
