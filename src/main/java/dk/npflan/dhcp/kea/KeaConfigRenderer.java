package dk.npflan.dhcp.kea;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.OptionValueParser;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.Pool;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.Reservation;
import dk.npflan.dhcp.config.ServerModel;
import dk.npflan.dhcp.config.Subnet;
import dk.npflan.dhcp.kea.KeaDhcp4Config.ControlSocket;
import dk.npflan.dhcp.kea.KeaDhcp4Config.Dhcp4;
import dk.npflan.dhcp.kea.KeaDhcp4Config.HaParameters;
import dk.npflan.dhcp.kea.KeaDhcp4Config.HaPeer;
import dk.npflan.dhcp.kea.KeaDhcp4Config.HaRelationship;
import dk.npflan.dhcp.kea.KeaDhcp4Config.HookLibrary;
import dk.npflan.dhcp.kea.KeaDhcp4Config.InterfacesConfig;
import dk.npflan.dhcp.kea.KeaDhcp4Config.LeaseDatabase;
import dk.npflan.dhcp.kea.KeaDhcp4Config.Logger;
import dk.npflan.dhcp.kea.KeaDhcp4Config.NetBoxRef;
import dk.npflan.dhcp.kea.KeaDhcp4Config.OutputOption;
import dk.npflan.dhcp.kea.KeaDhcp4Config.Pool4;
import dk.npflan.dhcp.kea.KeaDhcp4Config.Reservation4;
import dk.npflan.dhcp.kea.KeaDhcp4Config.SharedNetwork4;
import dk.npflan.dhcp.kea.KeaDhcp4Config.Subnet4;
import dk.npflan.dhcp.kea.KeaDhcp4Config.UserContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders the shared build model ({@link ServerModel}: the same subnets, pools, options and lease
 * times dhcpd gets) as one complete {@code kea-dhcp4} config per role: {@code config-set} takes the
 * whole {@code Dhcp4} object, so each server gets a whole file, and the two differ only in {@code
 * this-server-name}. Deterministic (the model's subnet order, fixed key order, no timestamps) and
 * injection-proof by construction: the file is written by Jackson from records, so NetBox text can
 * only ever be the value of a JSON string.
 *
 * <p>Rules: a NetBox subnet's {@code id} is its prefix's NetBox id, the probe and server-network
 * subnets take reserved ids ({@link KeaSubnetIds}); T1/T2 are computed by Kea as 50 % and 87.5 % of
 * each lease, the RFC 2131 values dhcpd uses; every subnet and pool carries the NetBox object it
 * came from in {@code user-context}; host reservations go into their subnet's {@code reservations}
 * with the NetBox IP address in {@code user-context}. Settings are checked once, here, and a bad
 * one throws naming its property.
 */
public final class KeaConfigRenderer {

    private static final String SETTINGS = "netbox-dhcpd.kea.";
    private static final double T1_PERCENT = 0.5;
    private static final double T2_PERCENT = 0.875;

    private final KeaSettings settings;
    private final long lfcIntervalSeconds;
    private final long heartbeatDelayMillis;
    private final long maxResponseDelayMillis;
    private final long maxAckDelayMillis;

    public KeaConfigRenderer(KeaSettings settings) {
        this.settings = settings;
        requirePath(SETTINGS + "hooks-dir", settings.hooksDir());
        requirePath(SETTINGS + "control-socket", settings.controlSocket());
        requirePath(SETTINGS + "lease-file.path", settings.leaseFile().path());
        this.lfcIntervalSeconds =
                wholeSeconds(
                        SETTINGS + "lease-file.lfc-interval", settings.leaseFile().lfcInterval());
        if (settings.interfaces().isEmpty()) {
            throw new IllegalArgumentException(SETTINGS + "interfaces: name at least one");
        }
        for (String name : settings.interfaces()) {
            require(SETTINGS + "interfaces", name, "[A-Za-z0-9_.:*/-]{1,64}");
        }
        KeaSettings.Ha ha = settings.ha();
        this.heartbeatDelayMillis = millis(SETTINGS + "ha.heartbeat-delay", ha.heartbeatDelay());
        this.maxResponseDelayMillis =
                millis(SETTINGS + "ha.max-response-delay", ha.maxResponseDelay());
        this.maxAckDelayMillis = millis(SETTINGS + "ha.max-ack-delay", ha.maxAckDelay());
        if (ha.maxUnackedClients() < 0 || ha.maxUnackedClients() > 65535) {
            throw new IllegalArgumentException(
                    SETTINGS
                            + "ha.max-unacked-clients: "
                            + ha.maxUnackedClients()
                            + " is outside 0..65535");
        }
        Set<String> names = new HashSet<>();
        for (PeerRole role : PeerRole.values()) {
            KeaSettings.Peer peer = settings.peers().of(role);
            String property = SETTINGS + "peers." + role.keyword();
            require(property + ".name", peer.name(), "[A-Za-z0-9_-]{1,64}");
            requireAddressUrl(property + ".url", peer.url());
            if (!names.add(peer.name())) {
                throw new IllegalArgumentException(
                        property + ".name: both peers are called " + peer.name());
            }
        }
    }

    /** Name of a role's rendered file, e.g. {@code kea-dhcp4.primary.json}. */
    public static String fileName(PeerRole role) {
        return "kea-dhcp4." + role.keyword() + ".json";
    }

    /**
     * Both roles' files, primary first, and their SHA-256.
     *
     * @throws KeaRenderException when a prefix cannot be a Kea subnet (its id)
     */
    public RenderedConfig render(ServerModel model) {
        Map<String, String> files = new LinkedHashMap<>();
        for (PeerRole role : PeerRole.values()) {
            files.put(fileName(role), KeaJson.write(config(model, role)));
        }
        return RenderedConfig.of(files);
    }

    /**
     * The subnets in the order they appear in the rendered file: the top-level {@code subnet4} list
     * (server network, probe, then the NetBox subnets on a link of their own, in the model's
     * order), then the {@code shared-networks}' subnets network by network.
     */
    public static List<Subnet> subnetOrder(ServerModel model) {
        List<Subnet> order = new ArrayList<>(model.subnets().size() + 2);
        for (Subnet subnet : model.allSubnets()) {
            if (subnet.sharedNetwork().isEmpty()) {
                order.add(subnet);
            }
        }
        model.sharedNetworks().values().forEach(order::addAll);
        return order;
    }

    /** One role's config as records (what {@link #render} writes). */
    public KeaDhcp4Config config(ServerModel model, PeerRole role) {
        return new KeaDhcp4Config(
                new Dhcp4(
                        new InterfacesConfig(
                                settings.interfaces(),
                                settings.socketType().keaName(),
                                settings.socketType() == KeaSettings.SocketType.UDP
                                        ? "use-routing"
                                        : null),
                        new ControlSocket("unix", settings.controlSocket()),
                        new LeaseDatabase(
                                "memfile", true, settings.leaseFile().path(), lfcIntervalSeconds),
                        model.authoritative(),
                        KeaOptionMapper.validLifetime(model.global()),
                        KeaOptionMapper.maxValidLifetime(model.global()),
                        true,
                        T1_PERCENT,
                        T2_PERCENT,
                        KeaOptionMapper.optionData(model.global()),
                        hooks(role),
                        subnets(model),
                        sharedNetworks(model),
                        List.of(
                                new Logger(
                                        "kea-dhcp4",
                                        List.of(new OutputOption("stdout")),
                                        "INFO"))));
    }

    private List<HookLibrary> hooks(PeerRole role) {
        KeaSettings.Ha ha = settings.ha();
        List<HaPeer> peers = new ArrayList<>(2);
        for (PeerRole each : PeerRole.values()) {
            KeaSettings.Peer peer = settings.peers().of(each);
            peers.add(
                    new HaPeer(peer.name(), peer.url(), ha.mode().role(each), peer.autoFailover()));
        }
        HaRelationship relationship =
                new HaRelationship(
                        settings.peers().of(role).name(),
                        ha.mode().keaName(),
                        heartbeatDelayMillis,
                        maxResponseDelayMillis,
                        maxAckDelayMillis,
                        ha.maxUnackedClients(),
                        peers);
        return List.of(
                new HookLibrary(library("libdhcp_lease_cmds.so"), null),
                new HookLibrary(library("libdhcp_stat_cmds.so"), null),
                new HookLibrary(library("libdhcp_ha.so"), new HaParameters(List.of(relationship))));
    }

    private String library(String file) {
        return settings.hooksDir().replaceFirst("/+$", "") + "/" + file;
    }

    private static List<Subnet4> subnets(ServerModel model) {
        List<Subnet4> subnets = new ArrayList<>(model.subnets().size() + 2);
        model.serverNetwork().ifPresent(s -> subnets.add(subnet(s, KeaSubnetIds.SERVER_NETWORK)));
        subnets.add(subnet(model.probe(), KeaSubnetIds.PROBE));
        for (Subnet subnet : model.subnets()) {
            if (subnet.sharedNetwork().isEmpty()) {
                subnets.add(subnet(subnet, KeaSubnetIds.of(subnet)));
            }
        }
        return subnets;
    }

    private static List<SharedNetwork4> sharedNetworks(ServerModel model) {
        List<SharedNetwork4> networks = new ArrayList<>();
        model.sharedNetworks()
                .forEach(
                        (name, members) -> {
                            List<Subnet4> subnets = new ArrayList<>(members.size());
                            for (Subnet member : members) {
                                subnets.add(subnet(member, KeaSubnetIds.of(member)));
                            }
                            networks.add(new SharedNetwork4(name, subnets));
                        });
        return networks;
    }

    private static Subnet4 subnet(Subnet subnet, long id) {
        List<Pool4> pools = new ArrayList<>(subnet.pools().size());
        for (Pool pool : subnet.pools()) {
            pools.add(
                    new Pool4(
                            range(pool.start(), pool.end()),
                            KeaOptionMapper.standard(pool.options()),
                            pool.range().map(KeaConfigRenderer::netbox).orElse(null)));
        }
        List<Reservation4> reservations = new ArrayList<>(subnet.reservations().size());
        for (Reservation r : subnet.reservations()) {
            reservations.add(
                    new Reservation4(
                            r.mac().toString(),
                            r.address().toString(),
                            r.hostName().orElse(null),
                            netbox(r.source())));
        }
        NetBoxObject source = subnet.source();
        UserContext context =
                NetBoxObject.SETTING.equals(source.type())
                        ? new UserContext(null, source.url(), subnet.comment())
                        : new UserContext(netboxRef(source), null, subnet.comment());
        return new Subnet4(
                id,
                subnet.network().toString(),
                KeaOptionMapper.validLifetime(subnet.options()),
                KeaOptionMapper.maxValidLifetime(subnet.options()),
                KeaOptionMapper.optionData(subnet.options()),
                pools,
                reservations,
                context);
    }

    private static UserContext netbox(NetBoxObject object) {
        return new UserContext(netboxRef(object), null, null);
    }

    private static NetBoxRef netboxRef(NetBoxObject object) {
        return new NetBoxRef(object.type(), object.id(), object.url());
    }

    private static String range(Ipv4Address start, Ipv4Address end) {
        StringBuilder out = new StringBuilder(33);
        end.appendTo(start.appendTo(out).append(" - "));
        return out.toString();
    }

    private static long wholeSeconds(String property, Duration duration) {
        if (duration.isNegative() || duration.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException(
                    property + ": " + duration + " is not a whole number of seconds >= 0");
        }
        return duration.toSeconds();
    }

    private static long millis(String property, Duration duration) {
        if (duration.isNegative() || duration.isZero() || duration.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    property + ": " + duration + " must be positive and below 24 days");
        }
        return duration.toMillis();
    }

    private static void requirePath(String property, String value) {
        require(property, value, "/[A-Za-z0-9_./-]+");
    }

    private static void require(String property, String value, String pattern) {
        if (value == null || !value.matches(pattern)) {
            throw new IllegalArgumentException(
                    property
                            + ": "
                            + OptionValueParser.quote(value)
                            + " does not match "
                            + pattern);
        }
    }

    /** Kea's HA hook parses the URL's host as an address and refuses a host name at load time. */
    private static void requireAddressUrl(String property, String value) {
        try {
            URI uri = new URI(value);
            boolean ok =
                    ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                            && uri.getHost() != null
                            && Ipv4Address.parse(uri.getHost()).isPresent()
                            && uri.getPort() >= 1
                            && uri.getPort() <= 65535
                            && uri.getUserInfo() == null
                            && uri.getQuery() == null
                            && uri.getFragment() == null
                            && Optional.ofNullable(uri.getRawPath()).orElse("").matches("/?");
            if (ok) {
                return;
            }
        } catch (URISyntaxException | NullPointerException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                property
                        + ": "
                        + OptionValueParser.quote(value)
                        + " is not http://<IPv4 address>:<port>/");
    }
}
