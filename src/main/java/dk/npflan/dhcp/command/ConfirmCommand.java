package dk.npflan.dhcp.command;

import dk.npflan.dhcp.SettingsException;
import dk.npflan.dhcp.pipeline.PipelineSettings;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netbox-dhcpd confirm}: publishes the config the sanity bound holds (or retries a bundle
 * held after a failure) with {@code POST /reconcile?force=true}, so the runbook needs no curl with
 * a hand-copied token. The token is {@code NETBOX_DHCPD_RECONCILE_TOKEN}, the setting serve checks
 * it against; it is never an option and never printed. Without a held config it refuses unless
 * {@code --force}. Exit codes follow {@link ConfirmOutcome}.
 */
@Command(
        name = "confirm",
        description = {
            "Publish the config held by the sanity bound: POST /reconcile?force=true with"
                    + " NETBOX_DHCPD_RECONCILE_TOKEN.",
            "Exit 0 when serve queued it (202), 1 when the token was refused or nothing is held"
                    + " (without --force), 2 when serve cannot be reached."
        })
public final class ConfirmCommand extends Subcommand {

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "serve's base URL (default: http://localhost:quarkus.http.port, 8080)")
    String url;

    @Option(
            names = "--force",
            description = "force a reconcile even when /status shows no held config")
    boolean force;

    @Override
    protected ConfirmOutcome run(CommandContext context) {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        try {
            Optional<String> token =
                    context.settings(PipelineSettings.class)
                            .getConfigMapping(PipelineSettings.class)
                            .reconcileToken()
                            .filter(t -> !t.isBlank());
            if (token.isEmpty()) {
                err.println(
                        "confirm: NETBOX_DHCPD_RECONCILE_TOKEN is not set (the token serve"
                                + " checks POST /reconcile against)");
                return ConfirmOutcome.UNREACHABLE;
            }
            ServeClient serve = new ServeClient(ServeUrl.of(url, context));
            if (!force && !serve.status().holdsConfig()) {
                err.println(
                        "confirm: "
                                + serve.base()
                                + "/status shows no held config: nothing to confirm (--force"
                                + " reconciles anyway)");
                return ConfirmOutcome.REFUSED;
            }
            ServeClient.Answer answer = serve.forceReconcile(token.get().strip());
            if (answer.status() == 202) {
                out.println(
                        "confirmed: reconcile "
                                + ServeClient.reconcileId(answer.body())
                                + " queued with force; follow it with 'netbox-dhcpd status'");
                return ConfirmOutcome.QUEUED;
            }
            if (answer.status() == 401 || answer.status() == 403) {
                err.println(
                        "confirm: serve refused the token ("
                                + answer.status()
                                + "): NETBOX_DHCPD_RECONCILE_TOKEN differs from serve's");
                return ConfirmOutcome.REFUSED;
            }
            err.println("confirm: POST /reconcile answered " + answer.status());
            return ConfirmOutcome.REFUSED;
        } catch (ServeClient.Unreachable | SettingsException | IllegalArgumentException e) {
            err.println("confirm: " + e.getMessage());
            return ConfirmOutcome.UNREACHABLE;
        }
    }
}
