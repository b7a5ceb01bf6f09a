package dk.npflan.dhcp.kea.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.kea.KeaSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kea commands the backend uses, as typed methods: each builds its request, sends it over a
 * {@link KeaChannel} under the timeout of its kind (small commands vs. commands that grow with the
 * config), and binds the answer's arguments to a record. A result other than the one the command
 * needs is a {@link KeaCommandException} carrying Kea's result and text, except for {@code
 * config-test} and {@code config-set}, whose rejection is an expected {@link ConfigVerdict}.
 * Thread-safe: every call opens its own connection.
 */
public final class KeaControlClient {

    /** One mapper for all Kea answers: later Kea versions add fields, which must not break us. */
    static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final KeaChannel channel;
    private final Duration commandTimeout;
    private final Duration configTimeout;

    public KeaControlClient(KeaChannel channel, Duration commandTimeout, Duration configTimeout) {
        this.channel = channel;
        this.commandTimeout = commandTimeout;
        this.configTimeout = configTimeout;
    }

    /** kea-dhcp4's unix socket, with the configured timeouts. */
    public static KeaControlClient from(KeaSettings settings) {
        return overSocket(Path.of(settings.controlSocket()), settings.control().timeouts());
    }

    /** A unix control socket at {@code socket}, with the configured timeouts. */
    public static KeaControlClient overSocket(Path socket, KeaSettings.Control.Timeouts timeouts) {
        return new KeaControlClient(
                new UnixSocketChannel(socket, JSON), timeouts.command(), timeouts.config());
    }

    /**
     * A control agent at {@code agent}, forwarding to {@code service} ({@code dhcp4}), or answering
     * itself when the service is empty.
     */
    public static KeaControlClient throughAgent(
            HttpClient http,
            URI agent,
            Optional<String> service,
            KeaSettings.Control.Timeouts timeouts) {
        return new KeaControlClient(
                new ControlAgentChannel(http, agent, service, JSON),
                timeouts.command(),
                timeouts.config());
    }

    public String target() {
        return channel.target();
    }

    /**
     * {@code config-test}: would Kea take this config? Checks syntax, subnets, options and that the
     * hook libraries load, but in Kea 2.2 not the hooks' own parameters (an HA section naming an
     * unknown {@code this-server-name} passes), so an accepted test does not promise a successful
     * {@code config-set}.
     *
     * @param dhcp4 the value of the {@code Dhcp4} key
     */
    public ConfigVerdict configTest(JsonNode dhcp4) throws KeaControlException {
        return verdict(
                "config-test", send("config-test", withDhcp4(dhcp4), Void.class, configTimeout));
    }

    /**
     * {@code config-set}: replace the running config (memory only; {@link #configWrite} persists
     * it). Rejected: Kea keeps the old config's subnets, but a failure in a hook's load (e.g. the
     * HA hook's parameters) leaves the server without that hook; see {@code docs/kea.md}.
     *
     * @param dhcp4 the value of the {@code Dhcp4} key
     */
    public ConfigVerdict configSet(JsonNode dhcp4) throws KeaControlException {
        return verdict(
                "config-set", send("config-set", withDhcp4(dhcp4), Void.class, configTimeout));
    }

    /** {@code config-write}: persist the running config (Kea's normalised form) to {@code file}. */
    public ConfigWritten configWrite(Path file) throws KeaControlException {
        ObjectNode arguments = JSON.createObjectNode().put("filename", file.toString());
        WriteArguments written =
                required(
                        "config-write",
                        send("config-write", arguments, WriteArguments.class, configTimeout));
        return new ConfigWritten(Path.of(written.filename()), written.size());
    }

    /** {@code config-get}: the running config. */
    public RunningConfig configGet() throws KeaControlException {
        GetArguments got =
                required("config-get", send("config-get", null, GetArguments.class, configTimeout));
        if (got.dhcp4() == null || !got.dhcp4().isObject()) {
            throw new KeaMalformedAnswerException(
                    "config-get", "no Dhcp4 object in the answer", null);
        }
        return new RunningConfig(
                got.dhcp4(), subnets(got.dhcp4()), Optional.ofNullable(got.hash()));
    }

    /**
     * {@code status-get}: pid, uptime, time since the last reload and, with the HA hook, HA state.
     */
    public KeaStatus statusGet() throws KeaControlException {
        return required("status-get", send("status-get", null, KeaStatus.class, commandTimeout));
    }

    /** {@code ha-heartbeat}: this server's HA state and clock; UNSUPPORTED without the HA hook. */
    public HaHeartbeat haHeartbeat() throws KeaControlException {
        return required(
                "ha-heartbeat", send("ha-heartbeat", null, HaHeartbeat.class, commandTimeout));
    }

    /**
     * {@code ha-maintenance-start}, sent to the server that is to take over: it moves to
     * partner-in-maintenance (or straight to partner-down when the partner does not answer) and
     * tells the partner to go in-maintenance.
     *
     * @return Kea's text
     */
    public String haMaintenanceStart() throws KeaControlException {
        return textOf("ha-maintenance-start");
    }

    /**
     * {@code ha-maintenance-cancel}, to the same server; an ERROR unless it is in
     * partner-in-maintenance.
     *
     * @return Kea's text
     */
    public String haMaintenanceCancel() throws KeaControlException {
        return textOf("ha-maintenance-cancel");
    }

    /**
     * {@code ha-scopes}: the scopes this server answers for from now on, until its next HA state
     * transition resets them (a takeover of the partner's clients while that one reloads).
     *
     * @return Kea's text ({@code New HA scopes configured.})
     */
    public String haScopes(List<String> scopes) throws KeaControlException {
        ObjectNode arguments = JSON.createObjectNode();
        scopes.forEach(arguments.putArray("scopes")::add);
        KeaAnswer<Void> answer = send("ha-scopes", arguments, Void.class, commandTimeout);
        if (!answer.succeeded()) {
            throw new KeaCommandException("ha-scopes", answer.outcome(), answer.text());
        }
        return answer.text();
    }

    /** {@code statistic-get-all}, reduced to the per-subnet address counters. */
    public List<SubnetStatistics> statisticGetAll() throws KeaControlException {
        Map<String, List<StatisticsAnswer.Sample>> statistics =
                required(
                        "statistic-get-all",
                        send(
                                "statistic-get-all",
                                null,
                                JSON.getTypeFactory()
                                        .constructType(
                                                new TypeReference<
                                                        Map<
                                                                String,
                                                                List<
                                                                        StatisticsAnswer
                                                                                .Sample>>>() {}),
                                configTimeout));
        return StatisticsAnswer.subnets(statistics);
    }

    /** {@code list-commands}: what the daemon and its loaded hooks accept now. */
    public List<String> listCommands() throws KeaControlException {
        return required(
                "list-commands",
                send(
                        "list-commands",
                        null,
                        JSON.getTypeFactory().constructCollectionType(List.class, String.class),
                        commandTimeout));
    }

    /** {@code shutdown}: the daemon answers, then exits. */
    public String shutdown() throws KeaControlException {
        return textOf("shutdown");
    }

    /**
     * Any command, answer bound to {@code type}; the result is not judged. For commands without a
     * typed method.
     */
    public <T> KeaAnswer<T> send(
            String command, ObjectNode arguments, Class<T> type, Duration timeout)
            throws KeaControlException {
        return send(command, arguments, JSON.getTypeFactory().constructType(type), timeout);
    }

    private <T> KeaAnswer<T> send(
            String command, ObjectNode arguments, JavaType type, Duration timeout)
            throws KeaControlException {
        ObjectNode request = JSON.createObjectNode().put("command", command);
        if (arguments != null) {
            request.set("arguments", arguments);
        }
        JsonNode answer = channel.exchange(command, request, timeout);
        JsonNode result = answer.get("result");
        if (result == null || !result.canConvertToInt()) {
            throw new KeaMalformedAnswerException(command, "answer has no result code", null);
        }
        JsonNode text = answer.get("text");
        JsonNode rawArguments = answer.get("arguments");
        T bound = null;
        if (rawArguments != null && !rawArguments.isNull() && type.getRawClass() != Void.class) {
            try {
                bound = JSON.convertValue(rawArguments, type);
            } catch (IllegalArgumentException e) {
                throw new KeaMalformedAnswerException(
                        command, "arguments do not bind to " + type + ": " + e.getMessage(), e);
            }
        }
        return new KeaAnswer<>(result.asInt(), text == null ? null : text.asText(), bound);
    }

    private String textOf(String command) throws KeaControlException {
        KeaAnswer<Void> answer = send(command, null, Void.class, commandTimeout);
        if (!answer.succeeded()) {
            throw new KeaCommandException(command, answer.outcome(), answer.text());
        }
        return answer.text();
    }

    private static <T> T required(String command, KeaAnswer<T> answer)
            throws KeaCommandException, KeaMalformedAnswerException {
        if (!answer.succeeded()) {
            throw new KeaCommandException(command, answer.outcome(), answer.text());
        }
        if (answer.arguments() == null) {
            throw new KeaMalformedAnswerException(command, "success without arguments", null);
        }
        return answer.arguments();
    }

    private static ConfigVerdict verdict(String command, KeaAnswer<Void> answer)
            throws KeaCommandException {
        return switch (answer.outcome()) {
            case SUCCESS -> new ConfigVerdict.Accepted(answer.text());
            case ERROR -> new ConfigVerdict.Rejected(answer.text());
            default -> throw new KeaCommandException(command, answer.outcome(), answer.text());
        };
    }

    private static ObjectNode withDhcp4(JsonNode dhcp4) {
        ObjectNode arguments = JSON.createObjectNode();
        arguments.set("Dhcp4", dhcp4);
        return arguments;
    }

    private static List<RunningConfig.Subnet4> subnets(JsonNode dhcp4) {
        List<RunningConfig.Subnet4> subnets = new ArrayList<>(bind(dhcp4.get("subnet4")));
        JsonNode networks = dhcp4.get("shared-networks");
        if (networks != null) {
            networks.forEach(network -> subnets.addAll(bind(network.get("subnet4"))));
        }
        return subnets;
    }

    private static List<RunningConfig.Subnet4> bind(JsonNode subnet4) {
        if (subnet4 == null || !subnet4.isArray()) {
            return List.of();
        }
        return JSON.convertValue(subnet4, new TypeReference<List<RunningConfig.Subnet4>>() {});
    }

    /** {@code config-write}'s arguments. */
    record WriteArguments(String filename, long size) {}

    /** {@code config-get}'s arguments: the config under {@code Dhcp4}, and its hash on Kea 2.4+. */
    record GetArguments(@JsonProperty("Dhcp4") JsonNode dhcp4, String hash) {}
}
