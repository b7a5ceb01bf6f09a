package dk.npflan.dhcp.command;

import dk.npflan.dhcp.agent.AgentLauncher;
import dk.npflan.dhcp.omapi.OmapiException;
import dk.npflan.dhcp.omapi.OmapiKeyFileParser;
import dk.npflan.dhcp.pipeline.PipelineSettings;
import dk.npflan.dhcp.rollout.kubernetes.RolloutKubernetesSettings;
import dk.npflan.dhcp.rollout.local.RolloutDirectorySettings;
import dk.npflan.dhcp.settings.EnvVars;
import dk.npflan.dhcp.settings.SecretStrength;
import dk.npflan.dhcp.webhook.WebhookSettings;
import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The secrets {@code serve} and {@code agent} check before they start anything ({@link
 * SecretStrength}): the webhook secret, the reconcile token, the agent token (the listener's copy
 * for either rollout target, and the agent's own) and the OMAPI key. A secret that is not
 * configured is left to the checks that already handle it (a missing webhook secret stops {@code
 * serve}; a missing token refuses every request); one that is configured must be strong.
 */
final class StartupSecrets {

    /** The mappings {@link #serve} reads beyond the ones {@code serve} loads anyway. */
    static final List<Class<?>> SERVE_MAPPINGS =
            List.of(
                    WebhookSettings.class,
                    PipelineSettings.class,
                    RolloutDirectorySettings.class,
                    RolloutKubernetesSettings.class);

    private StartupSecrets() {}

    /** Why {@code serve} must not start with these secrets; empty when it may. */
    static Optional<String> serve(SmallRyeConfig config) {
        WebhookSettings webhook = config.getConfigMapping(WebhookSettings.class);
        PipelineSettings pipeline = config.getConfigMapping(PipelineSettings.class);
        return first(
                webhook.secret()
                        .flatMap(
                                s ->
                                        SecretStrength.of(s)
                                                .refusal(
                                                        "NETBOX_WEBHOOK_SECRET"
                                                                + " (netbox-dhcpd.webhook.secret)")),
                pipeline.reconcileToken()
                        .flatMap(
                                t ->
                                        SecretStrength.of(t)
                                                .refusal(
                                                        "NETBOX_DHCPD_RECONCILE_TOKEN"
                                                                + " (netbox-dhcpd.pipeline.reconcile-token)")),
                config.getConfigMapping(RolloutDirectorySettings.class)
                        .agentTokenFile()
                        .flatMap(
                                f ->
                                        tokenFile(
                                                f,
                                                "netbox-dhcpd.rollout.directory.agent-token-file")),
                config.getConfigMapping(RolloutKubernetesSettings.class)
                        .agent()
                        .tokenFile()
                        .flatMap(
                                f ->
                                        tokenFile(
                                                f,
                                                "netbox-dhcpd.rollout.kubernetes.agent.token-file")));
    }

    /** Why the agent must not start with these secrets; empty when it may. */
    static Optional<String> agent(AgentLauncher.AgentConfig config) {
        return first(
                tokenFile(config.tokenFile(), "netbox-dhcpd.agent.token-file"),
                omapiKey(config.keyFile(), "netbox-dhcpd.omapi.key-file"));
    }

    /** A token read from a mounted file; a missing or empty file is not checked here. */
    private static Optional<String> tokenFile(Path file, String property) {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return Optional.empty();
        }
        return token.isEmpty()
                ? Optional.empty()
                : SecretStrength.of(token).refusal("the token in " + file + " " + named(property));
    }

    /** dhcpd {@code key} syntax; the decoded secret is the HMAC key. */
    private static Optional<String> omapiKey(Path file, String property) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String what = "the OMAPI key in " + file + " " + named(property);
        try {
            return SecretStrength.ofKey(OmapiKeyFileParser.read(file).secret()).refusal(what);
        } catch (OmapiException e) {
            // the parser's messages name the key and the fault, never the secret
            return Optional.of(what + " is not a usable key: " + e.getMessage());
        }
    }

    private static String named(String property) {
        return "(" + property + ", " + EnvVars.of(property) + ")";
    }

    @SafeVarargs
    private static Optional<String> first(Optional<String>... refusals) {
        return Stream.of(refusals).flatMap(Optional::stream).findFirst();
    }
}
