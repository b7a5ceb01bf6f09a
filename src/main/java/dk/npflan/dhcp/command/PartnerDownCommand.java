package dk.npflan.dhcp.command;

import dk.npflan.dhcp.SettingsException;
import dk.npflan.dhcp.backend.BackendSettings;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.omapi.FailoverState;
import dk.npflan.dhcp.omapi.FailoverStatus;
import dk.npflan.dhcp.omapi.OmapiClient;
import dk.npflan.dhcp.omapi.OmapiException;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.PeerUnreachableException;
import dk.npflan.dhcp.rollout.agent.AgentClient;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netbox-dhcpd partner-down --role R}: docs/operations.md's partner-down procedure as one
 * refusing command instead of an {@code omshell} session with a pasted secret. It puts R's dhcpd
 * into {@code partner-down} (OMAPI {@code local-state = 4}), so that it serves every client and
 * takes over the partner's free addresses after MCLT — which is only safe while the other peer is
 * down and cannot come back by itself: two peers in partner-down hand out the same addresses. So it
 * refuses unless the operator answers that question ({@code --other-peer-is-down}) and the other
 * peer's OMAPI (and, if named, its agent) does not answer, and unless the server named is really R.
 * Exit codes follow {@link PartnerDownOutcome}.
 */
@Command(
        name = "partner-down",
        description = {
            "Put one dhcpd (--role, at --server) into partner-down over OMAPI, the"
                    + " docs/operations.md procedure; refused unless --other-peer-is-down is given"
                    + " and the other peer (--other, --other-agent) does not answer.",
            "Exit 0 when the server is in partner-down, 1 refused, 2 server unreachable, write"
                    + " refused or usage/settings error."
        })
public final class PartnerDownCommand extends Subcommand {

    @Option(
            names = "--role",
            required = true,
            paramLabel = "primary|secondary",
            description = "the survivor, which is to serve alone")
    String role;

    @Option(
            names = "--server",
            required = true,
            paramLabel = "HOST",
            description = "the survivor's dhcpd (OMAPI host)")
    String server;

    @Option(
            names = "--other",
            required = true,
            paramLabel = "HOST",
            description = "the other peer's dhcpd (OMAPI host): it must not answer")
    String other;

    @Option(
            names = "--other-agent",
            paramLabel = "URL",
            description = "the other peer's agent, e.g. http://10.0.3.18:8067: it must not answer")
    URI otherAgent;

    @Option(
            names = "--other-peer-is-down",
            description =
                    "the answer to the procedure's question: the other peer is down and cannot come"
                            + " back by itself (node dead, or its pod stopped and its Deployment"
                            + " scaled to 0)")
    boolean otherPeerIsDown;

    @Override
    protected PartnerDownOutcome run(CommandContext context) {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        PeerRole survivor;
        OmapiAccess access;
        try {
            survivor = PeerRole.valueOf(role.toUpperCase(Locale.ROOT));
            BackendSettings.Kind kind =
                    context.settings(BackendSettings.class)
                            .getConfigMapping(BackendSettings.class)
                            .kind();
            if (kind != BackendSettings.Kind.DHCPD) {
                throw new IllegalArgumentException(
                        "the pair runs Kea: Kea's HA goes to partner-down by itself when its"
                                + " partner stops answering (docs/kea.md); there is nothing to"
                                + " write");
            }
            access = OmapiAccess.from(context);
        } catch (IllegalArgumentException | SettingsException e) {
            err.println("partner-down: " + e.getMessage());
            return PartnerDownOutcome.ERROR;
        }
        String otherRole =
                (survivor == PeerRole.PRIMARY ? PeerRole.SECONDARY : PeerRole.PRIMARY).keyword();
        if (!otherPeerIsDown) {
            err.println(
                    "partner-down: refused: is the "
                            + otherRole
                            + " down and unable to come back by itself (node dead, or its pod"
                            + " stopped and its Deployment scaled to 0)? Two peers in partner-down"
                            + " hand out the same addresses. If so, answer with"
                            + " --other-peer-is-down");
            return PartnerDownOutcome.REFUSED;
        }
        Optional<String> answers = answers(access, otherRole);
        if (answers.isPresent()) {
            err.println(
                    "partner-down: refused: the "
                            + otherRole
                            + " is not down: "
                            + answers.get()
                            + ". Stop it first (scale its Deployment to 0), or let the pair"
                            + " recover by itself");
            return PartnerDownOutcome.REFUSED;
        }
        try (OmapiClient client = access.connect(server)) {
            FailoverStatus before = client.failoverState(access.peerName());
            if (!before.role().equals(survivor.keyword())) {
                err.println(
                        "partner-down: refused: the dhcpd at "
                                + server
                                + " is the "
                                + before.role()
                                + ", not the "
                                + survivor.keyword());
                return PartnerDownOutcome.REFUSED;
            }
            if (before.local().state() == FailoverState.PARTNER_DOWN) {
                out.println(survivor.keyword() + " at " + server + " is in partner-down already");
                return PartnerDownOutcome.PARTNER_DOWN;
            }
            FailoverStatus after =
                    client.setLocalFailoverState(access.peerName(), FailoverState.PARTNER_DOWN);
            if (after.local().state() != FailoverState.PARTNER_DOWN) {
                err.println(
                        "partner-down: the "
                                + survivor.keyword()
                                + " took the write but reports "
                                + after.local());
                return PartnerDownOutcome.ERROR;
            }
            out.println(
                    survivor.keyword()
                            + " at "
                            + server
                            + ": "
                            + before.local().label()
                            + " -> "
                            + after.local().label()
                            + "; it serves every client now and takes over the "
                            + otherRole
                            + "'s free addresses after MCLT"
                            + after.mclt().map(m -> " (" + m.toSeconds() + " s)").orElse("")
                            + ". When the "
                            + otherRole
                            + " returns it recovers (recover, recover-wait for MCLT) before it"
                            + " serves.");
            return PartnerDownOutcome.PARTNER_DOWN;
        } catch (OmapiException e) {
            err.println("partner-down: " + e.getMessage());
            return PartnerDownOutcome.ERROR;
        }
    }

    /**
     * How the other peer still answers; empty when neither its dhcpd's OMAPI port takes a
     * connection nor (if named) its agent answers. A dhcpd that takes the connection but does not
     * talk (frozen) or refuses the key still runs: that counts as answering.
     */
    private Optional<String> answers(OmapiAccess access, String otherRole) {
        try (OmapiClient probe = access.connect(other)) {
            return Optional.of("its dhcpd answers OMAPI at " + other + ":" + access.port());
        } catch (OmapiException e) {
            if (e.reason() != OmapiException.Reason.CONNECT_FAILED) {
                return Optional.of(
                        "its dhcpd takes connections at "
                                + other
                                + ":"
                                + access.port()
                                + " ("
                                + e.getMessage()
                                + ")");
            }
        }
        if (otherAgent != null) {
            AgentClient agent =
                    new AgentClient(
                            PeerRole.valueOf(otherRole.toUpperCase(Locale.ROOT)),
                            () -> otherAgent,
                            Optional.empty(),
                            new AgentClient.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)),
                            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(),
                            AgentClient.Nudge.none());
            try {
                PeerState state = agent.state();
                return Optional.of(
                        "its agent answers at "
                                + otherAgent
                                + " (dhcpd "
                                + (state.serverRunning() ? "running" : "not running")
                                + ")");
            } catch (PeerUnreachableException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
