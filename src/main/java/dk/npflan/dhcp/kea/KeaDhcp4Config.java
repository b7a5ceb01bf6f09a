package dk.npflan.dhcp.kea;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The part of Kea's {@code kea-dhcp4} configuration we render, as typed values: the whole file is
 * {@code {"Dhcp4": …}} and every object below it is one of the nested records. Jackson writes them
 * with Kea's key names and in a fixed key order, and escapes every string, so no value (a NetBox
 * URL, a comment) can change the structure of the file. Absent ({@code null} or empty) values are
 * left out where Kea then applies its own default or inherits from the enclosing scope.
 */
@JsonPropertyOrder({"Dhcp4"})
public record KeaDhcp4Config(@JsonProperty("Dhcp4") Dhcp4 dhcp4) {

    /** The DHCPv4 server's configuration. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({
        "interfaces-config",
        "control-socket",
        "lease-database",
        "authoritative",
        "valid-lifetime",
        "max-valid-lifetime",
        "calculate-tee-times",
        "t1-percent",
        "t2-percent",
        "option-data",
        "hooks-libraries",
        "subnet4",
        "shared-networks",
        "loggers"
    })
    public record Dhcp4(
            @JsonProperty("interfaces-config") InterfacesConfig interfacesConfig,
            @JsonProperty("control-socket") ControlSocket controlSocket,
            @JsonProperty("lease-database") LeaseDatabase leaseDatabase,
            @JsonProperty("authoritative") boolean authoritative,
            @JsonProperty("valid-lifetime") Long validLifetime,
            @JsonProperty("max-valid-lifetime") Long maxValidLifetime,
            @JsonProperty("calculate-tee-times") boolean calculateTeeTimes,
            @JsonProperty("t1-percent") double t1Percent,
            @JsonProperty("t2-percent") double t2Percent,
            @JsonProperty("option-data") List<OptionData> optionData,
            @JsonProperty("hooks-libraries") List<HookLibrary> hooksLibraries,
            @JsonProperty("subnet4") List<Subnet4> subnet4,
            @JsonProperty("shared-networks") List<SharedNetwork4> sharedNetworks,
            @JsonProperty("loggers") List<Logger> loggers) {}

    /**
     * Several subnets on one link; the subnets keep their ids and options, the network only joins
     * them.
     */
    @JsonPropertyOrder({"name", "subnet4"})
    public record SharedNetwork4(
            @JsonProperty("name") String name, @JsonProperty("subnet4") List<Subnet4> subnet4) {}

    /** Where kea-dhcp4 listens for DHCP. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"interfaces", "dhcp-socket-type", "outbound-interface"})
    public record InterfacesConfig(
            @JsonProperty("interfaces") List<String> interfaces,
            @JsonProperty("dhcp-socket-type") String dhcpSocketType,
            @JsonProperty("outbound-interface") String outboundInterface) {}

    /** The unix socket for commands ({@code config-set}, {@code ha-*}, {@code lease4-*}). */
    @JsonPropertyOrder({"socket-type", "socket-name"})
    public record ControlSocket(
            @JsonProperty("socket-type") String socketType,
            @JsonProperty("socket-name") String socketName) {}

    /** The memfile lease database on the persistent volume. */
    @JsonPropertyOrder({"type", "persist", "name", "lfc-interval"})
    public record LeaseDatabase(
            @JsonProperty("type") String type,
            @JsonProperty("persist") boolean persist,
            @JsonProperty("name") String name,
            @JsonProperty("lfc-interval") long lfcInterval) {}

    /** One DHCP option by its Kea name, the value in Kea's CSV form. */
    @JsonPropertyOrder({"name", "data"})
    public record OptionData(
            @JsonProperty("name") String name, @JsonProperty("data") String data) {}

    /** One hook library; {@code parameters} only for those that take some. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"library", "parameters"})
    public record HookLibrary(
            @JsonProperty("library") String library,
            @JsonProperty("parameters") HaParameters parameters) {}

    /** The HA hook's parameters: one relationship (this pair). */
    @JsonPropertyOrder({"high-availability"})
    public record HaParameters(
            @JsonProperty("high-availability") List<HaRelationship> highAvailability) {}

    /** One HA relationship as one server sees it. */
    @JsonPropertyOrder({
        "this-server-name",
        "mode",
        "heartbeat-delay",
        "max-response-delay",
        "max-ack-delay",
        "max-unacked-clients",
        "peers"
    })
    public record HaRelationship(
            @JsonProperty("this-server-name") String thisServerName,
            @JsonProperty("mode") String mode,
            @JsonProperty("heartbeat-delay") long heartbeatDelay,
            @JsonProperty("max-response-delay") long maxResponseDelay,
            @JsonProperty("max-ack-delay") long maxAckDelay,
            @JsonProperty("max-unacked-clients") int maxUnackedClients,
            @JsonProperty("peers") List<HaPeer> peers) {}

    /** One server of the relationship. */
    @JsonPropertyOrder({"name", "url", "role", "auto-failover"})
    public record HaPeer(
            @JsonProperty("name") String name,
            @JsonProperty("url") String url,
            @JsonProperty("role") String role,
            @JsonProperty("auto-failover") boolean autoFailover) {}

    /** One subnet; its {@code id} keys its leases, so it must stay the same for a prefix. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({
        "id",
        "subnet",
        "valid-lifetime",
        "max-valid-lifetime",
        "option-data",
        "pools",
        "reservations",
        "user-context"
    })
    public record Subnet4(
            @JsonProperty("id") long id,
            @JsonProperty("subnet") String subnet,
            @JsonProperty("valid-lifetime") Long validLifetime,
            @JsonProperty("max-valid-lifetime") Long maxValidLifetime,
            @JsonProperty("option-data") List<OptionData> optionData,
            @JsonProperty("pools") List<Pool4> pools,
            @JsonProperty("reservations") List<Reservation4> reservations,
            @JsonProperty("user-context") UserContext userContext) {}

    /**
     * One host reservation in its subnet: the client with {@code hw-address} gets {@code
     * ip-address}; {@code hostname} only when NetBox has a DNS name.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"hw-address", "ip-address", "hostname", "user-context"})
    public record Reservation4(
            @JsonProperty("hw-address") String hwAddress,
            @JsonProperty("ip-address") String ipAddress,
            @JsonProperty("hostname") String hostname,
            @JsonProperty("user-context") UserContext userContext) {}

    /** One address pool, {@code "start - end"}, with its IP range's options. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"pool", "option-data", "user-context"})
    public record Pool4(
            @JsonProperty("pool") String pool,
            @JsonProperty("option-data") List<OptionData> optionData,
            @JsonProperty("user-context") UserContext userContext) {}

    /**
     * Kea keeps {@code user-context} as opaque data and returns it with {@code config-get} and the
     * lease commands: where this subnet or pool came from.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"netbox", "setting", "comment"})
    public record UserContext(
            @JsonProperty("netbox") NetBoxRef netbox,
            @JsonProperty("setting") String setting,
            @JsonProperty("comment") String comment) {}

    /** The NetBox object a subnet or pool was rendered from. */
    @JsonPropertyOrder({"type", "id", "url"})
    public record NetBoxRef(
            @JsonProperty("type") String type,
            @JsonProperty("id") long id,
            @JsonProperty("url") String url) {}

    /** One logger; all of ours write to stdout, where the container runtime collects them. */
    @JsonPropertyOrder({"name", "output_options", "severity"})
    public record Logger(
            @JsonProperty("name") String name,
            @JsonProperty("output_options") List<OutputOption> outputOptions,
            @JsonProperty("severity") String severity) {}

    /** Where a logger writes. */
    @JsonPropertyOrder({"output"})
    public record OutputOption(@JsonProperty("output") String output) {}
}
