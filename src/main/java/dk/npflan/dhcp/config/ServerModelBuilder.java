package dk.npflan.dhcp.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dk.npflan.dhcp.config.OptionValueParser.Parsed;
import dk.npflan.dhcp.netbox.HostInventory;
import dk.npflan.dhcp.netbox.IpRange;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.netbox.Vrf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the already selected NetBox prefixes plus all candidate IP ranges into the {@link
 * ServerModel} model: one subnet per IPv4 prefix, pools from the active IP ranges inside it (same
 * VRF) or from the default rule, options from custom fields over the global defaults. Pure: values
 * in, values out. What it leaves out (IPv6, too small) and values it refuses (bad options,
 * unparsable addresses) are returned as {@link ConfigProblem}s naming the NetBox object.
 */
public final class ServerModelBuilder {

    private static final String ACTIVE = "active";

    /** (VRF name, network, prefix length, NetBox id): the order subnets appear in dhcpd.conf. */
    private static final Comparator<Subnet> RENDER_ORDER =
            (a, b) -> {
                int byVrf = a.vrf().compareTo(b.vrf());
                if (byVrf != 0) {
                    return byVrf;
                }
                int byNetwork = a.network().compareTo(b.network());
                return byNetwork != 0 ? byNetwork : Long.compare(a.source().id(), b.source().id());
            };

    private final DhcpdSettings settings;
    private final DhcpOptions global;
    private final Map<PeerRole, FailoverPeer> failover;
    private final Subnet probe;
    private final Optional<Subnet> serverNetwork;
    private final Optional<Set<String>> rangeRoles;

    /** The model and the findings made while building it. */
    public record Built(ServerModel config, List<ConfigProblem> problems) {}

    /** A candidate IP range with parsed, not yet validated, ends. */
    private record Candidate(
            IpRange range, Ipv4Address start, Ipv4Address end, OptionsField.Result options) {
        long low() {
            return Math.min(start.value(), end.value());
        }

        long high() {
            return Math.max(start.value(), end.value());
        }
    }

    /** Settings are trusted but still checked; a bad setting is an operator error and throws. */
    public ServerModelBuilder(DhcpdSettings settings) {
        this.settings = settings;
        this.global = globalOptions(settings.global());
        this.failover = failoverPeers(settings.failover());
        this.probe = probeSubnet(settings);
        this.serverNetwork =
                settings.serverNetwork()
                        .network()
                        .map(
                                cidr ->
                                        new Subnet(
                                                settingNetwork(
                                                        "netbox-dhcpd.config.server-network.network",
                                                        cidr),
                                                "",
                                                NetBoxObject.setting(
                                                        "netbox-dhcpd.config.server-network.network",
                                                        cidr),
                                                "server network: dhcpd needs a subnet covering its own interface",
                                                DhcpOptions.none(),
                                                List.of()));
        this.rangeRoles = settings.ipRanges().roles().map(Set::copyOf);
        requireHostName("netbox-dhcpd.config.omapi.key-name", settings.omapi().keyName());
        requirePath("netbox-dhcpd.config.omapi.key-include", settings.omapi().keyInclude());
        requirePath("netbox-dhcpd.config.failover-include", settings.failoverInclude());
        requireRange("netbox-dhcpd.config.omapi.port", settings.omapi().port(), 1, 65535);
    }

    public Built build(List<Prefix> selected, List<IpRange> ranges) {
        return build(selected, ranges, HostInventory.empty());
    }

    /**
     * @param hosts IP addresses with a reservation status (and their interfaces); those inside a
     *     selected subnet of the same VRF become its host reservations
     */
    public Built build(List<Prefix> selected, List<IpRange> ranges, HostInventory hosts) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<Long, List<Candidate>> rangesByVrf = candidatesByVrf(ranges, problems);
        Map<Long, Long> widestRangeByVrf = new HashMap<>();
        rangesByVrf.forEach(
                (vrf, list) ->
                        widestRangeByVrf.put(
                                vrf,
                                list.stream().mapToLong(c -> c.high() - c.low()).max().orElse(0)));

        List<ReservationPlacer.Placed> placed = new ArrayList<>(selected.size());
        Set<Long> rangesReported = new HashSet<>();
        SharedNetworkGrouper links = new SharedNetworkGrouper(settings, problems);
        for (Prefix prefix : selected) {
            NetBoxObject source = NetBoxObject.of(prefix);
            if (!prefix.isIpv4()) {
                problems.add(
                        new ConfigProblem(
                                ConfigProblem.Kind.IPV6_SKIPPED,
                                source,
                                "IPv6 prefix skipped (no DHCPv6 yet)"));
                continue;
            }
            Optional<Ipv4Network> parsed = Ipv4Network.parse(prefix.prefix());
            if (parsed.isEmpty()) {
                problems.add(
                        new ConfigProblem(
                                ConfigProblem.Kind.INVALID_PREFIX,
                                source,
                                "not an IPv4 network with host bits cleared: "
                                        + OptionValueParser.quote(prefix.prefix())));
                continue;
            }
            Ipv4Network network = parsed.get();
            long vrfKey = vrfKey(prefix.vrf());
            List<Pool> pools =
                    rangePools(
                            network,
                            rangesByVrf.getOrDefault(vrfKey, List.of()),
                            widestRangeByVrf.getOrDefault(vrfKey, 0L),
                            rangesReported,
                            problems);
            if (pools.isEmpty()) {
                Optional<Pool> fallback = defaultPool(network);
                if (fallback.isEmpty()) {
                    problems.add(
                            new ConfigProblem(
                                    ConfigProblem.Kind.PREFIX_TOO_SMALL,
                                    source,
                                    tooSmallMessage(network)));
                    continue;
                }
                pools = List.of(fallback.get());
            }
            DhcpOptions options = subnetOptions(prefix, network, source, problems);
            links.add(prefix, source);
            String vrfName = prefix.vrf() == null ? "" : String.valueOf(prefix.vrf().name());
            placed.add(
                    new ReservationPlacer.Placed(
                            vrfKey,
                            new Subnet(
                                    network,
                                    vrfName,
                                    source,
                                    comment(prefix, network),
                                    options,
                                    pools)));
        }
        List<Subnet> subnets =
                new ArrayList<>(
                        new ReservationPlacer(settings.customFields().reservationMac())
                                .place(placed, hosts, problems));
        subnets.sort(RENDER_ORDER);
        subnets = links.assign(subnets);
        ServerModel config =
                new ServerModel(
                        global,
                        settings.global().authoritative(),
                        settings.global().pingCheck(),
                        settings.omapi().port(),
                        settings.omapi().keyName(),
                        settings.omapi().keyInclude(),
                        settings.failoverInclude(),
                        serverNetwork,
                        probe,
                        subnets,
                        failover);
        return new Built(config, problems);
    }

    private String tooSmallMessage(Ipv4Network network) {
        return settings.defaultPool().enabled()
                ? network
                        + " has no IP range and is too small for the default pool (network+"
                        + settings.defaultPool().startOffset()
                        + " .. broadcast-"
                        + settings.defaultPool().endOffset()
                        + ")"
                : network + " has no active IP range and the default pool is disabled";
    }

    private Map<Long, List<Candidate>> candidatesByVrf(
            List<IpRange> ranges, List<ConfigProblem> problems) {
        Map<Long, List<Candidate>> byVrf = new HashMap<>();
        for (IpRange range : ranges) {
            if (!ACTIVE.equals(range.statusValue()) || !roleAccepted(range)) {
                continue;
            }
            String startText = stripMask(range.startAddress());
            String endText = stripMask(range.endAddress());
            if (startText.contains(":") || endText.contains(":")) {
                continue;
            }
            Optional<Ipv4Address> start = Ipv4Address.parse(startText);
            Optional<Ipv4Address> end = Ipv4Address.parse(endText);
            if (start.isEmpty() || end.isEmpty()) {
                problems.add(
                        new ConfigProblem(
                                ConfigProblem.Kind.INVALID_RANGE,
                                NetBoxObject.of(range),
                                "start or end is not an IPv4 address"));
                continue;
            }
            String field = settings.customFields().options();
            byVrf.computeIfAbsent(vrfKey(range.vrf()), k -> new ArrayList<>())
                    .add(
                            new Candidate(
                                    range,
                                    start.get(),
                                    end.get(),
                                    OptionsField.parse(field, range.customFields().get(field))));
        }
        byVrf.values()
                .forEach(
                        list ->
                                list.sort(
                                        Comparator.comparingLong(Candidate::low)
                                                .thenComparingLong(c -> c.range().id())));
        return byVrf;
    }

    private boolean roleAccepted(IpRange range) {
        return rangeRoles
                .map(roles -> range.role() != null && roles.contains(range.role().slug()))
                .orElse(true);
    }

    /** Ranges of the same VRF touching the network; the validator reports those that stick out. */
    private List<Pool> rangePools(
            Ipv4Network network,
            List<Candidate> sorted,
            long widest,
            Set<Long> reported,
            List<ConfigProblem> problems) {
        if (sorted.isEmpty()) {
            return List.of();
        }
        long first = network.network().value();
        long last = network.broadcast().value();
        int lo = 0;
        int hi = sorted.size();
        long from = first - widest;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).low() < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<Pool> pools = new ArrayList<>();
        for (int i = lo; i < sorted.size() && sorted.get(i).low() <= last; i++) {
            Candidate c = sorted.get(i);
            if (c.high() >= first) {
                NetBoxObject source = NetBoxObject.of(c.range());
                if (reported.add(c.range().id())) {
                    c.options()
                            .errors()
                            .forEach(
                                    error ->
                                            problems.add(
                                                    new ConfigProblem(
                                                            ConfigProblem.Kind.INVALID_OPTION,
                                                            source,
                                                            error)));
                }
                pools.add(
                        new Pool(
                                c.start(),
                                c.end(),
                                settings.failover().peerName(),
                                Optional.of(source),
                                List.copyOf(c.options().options().values())));
            }
        }
        return pools;
    }

    private Optional<Pool> defaultPool(Ipv4Network network) {
        if (!settings.defaultPool().enabled()) {
            return Optional.empty();
        }
        long start = network.network().value() + settings.defaultPool().startOffset();
        long end = network.broadcast().value() - settings.defaultPool().endOffset();
        if (start > end
                || start <= network.network().value()
                || end >= network.broadcast().value()) {
            return Optional.empty();
        }
        return Optional.of(
                new Pool(
                        new Ipv4Address(start),
                        new Ipv4Address(end),
                        settings.failover().peerName(),
                        Optional.empty()));
    }

    /**
     * The five custom fields plus {@code dhcp_options}. Routers, name servers, domain name and NTP
     * servers may come from either; set in both is refused as a conflict, so that no rule of
     * precedence silently drops what an operator typed.
     */
    private DhcpOptions subnetOptions(
            Prefix prefix, Ipv4Network network, NetBoxObject source, List<ConfigProblem> problems) {
        DhcpdSettings.CustomFields cf = settings.customFields();
        Map<String, JsonNode> fields = prefix.customFields();
        OptionsField.Result parsed = OptionsField.parse(cf.options(), fields.get(cf.options()));
        parsed.errors()
                .forEach(
                        error ->
                                problems.add(
                                        new ConfigProblem(
                                                ConfigProblem.Kind.INVALID_OPTION, source, error)));
        Map<StandardOption, DhcpOption> other = new LinkedHashMap<>(parsed.options());
        OptionSources sources = new OptionSources(cf.options(), fields, other, source, problems);
        List<Ipv4Address> defaultRouters =
                List.of(network.network().plus(settings.global().routerOffset()));
        return new DhcpOptions(
                sources.either(cf.routers(), "routers", OptionValueParser::addresses, ADDRESSES)
                        .orElse(defaultRouters),
                sources.either(
                                cf.domainNameServers(),
                                "domain-name-servers",
                                OptionValueParser::addresses,
                                ADDRESSES)
                        .orElse(List.of()),
                sources.either(
                        cf.domainName(),
                        "domain-name",
                        OptionValueParser::domainName,
                        items -> items.get(0)),
                option(fields, cf.defaultLeaseTime(), OptionValueParser::seconds, source, problems),
                option(fields, cf.maxLeaseTime(), OptionValueParser::seconds, source, problems),
                sources.either(
                                cf.ntpServers(),
                                "ntp-servers",
                                OptionValueParser::addresses,
                                ADDRESSES)
                        .orElse(List.of()),
                List.copyOf(other.values()));
    }

    private static final Function<List<String>, List<Ipv4Address>> ADDRESSES =
            items -> items.stream().map(item -> Ipv4Address.parse(item).orElseThrow()).toList();

    /** One prefix's option sources: its custom fields and what is left of its dhcp_options. */
    private record OptionSources(
            String optionsField,
            Map<String, JsonNode> fields,
            Map<StandardOption, DhcpOption> other,
            NetBoxObject source,
            List<ConfigProblem> problems) {

        /** The value from custom field {@code field} or from dhcp_options {@code standard}. */
        <T> Optional<T> either(
                String field,
                String standard,
                Function<JsonNode, Parsed<T>> parser,
                Function<List<String>, T> fromItems) {
            Optional<T> value = option(fields, field, parser, source, problems);
            DhcpOption fromOptions = other.remove(StandardOptions.find(standard).orElseThrow());
            if (fromOptions == null) {
                return value;
            }
            if (!OptionValueParser.isAbsent(fields.get(field))) {
                problems.add(
                        new ConfigProblem(
                                ConfigProblem.Kind.OPTION_CONFLICT,
                                source,
                                "custom field "
                                        + field
                                        + " and "
                                        + optionsField
                                        + "."
                                        + standard
                                        + " are both set: keep one"));
                return value;
            }
            return Optional.of(fromItems.apply(fromOptions.items()));
        }
    }

    private static <T> Optional<T> option(
            Map<String, JsonNode> fields,
            String name,
            Function<JsonNode, Parsed<T>> parser,
            NetBoxObject source,
            List<ConfigProblem> problems) {
        Parsed<T> parsed = parser.apply(fields.get(name));
        parsed.error()
                .ifPresent(
                        error ->
                                problems.add(
                                        new ConfigProblem(
                                                ConfigProblem.Kind.INVALID_OPTION,
                                                source,
                                                "custom field " + name + ": " + error)));
        return parsed.value();
    }

    private static String comment(Prefix prefix, Ipv4Network network) {
        String vrf =
                prefix.vrf() == null
                        ? "global"
                        : "vrf " + CommentSanitizer.sanitize(prefix.vrf().name());
        String role =
                prefix.role() == null
                        ? ""
                        : " role " + CommentSanitizer.sanitize(prefix.role().name());
        String description = CommentSanitizer.sanitize(prefix.description());
        // prefix.prefix() parsed strictly into network, so it is the same canonical text
        return "prefix "
                + prefix.id()
                + " "
                + prefix.prefix()
                + " "
                + vrf
                + role
                + (description.isEmpty() ? "" : ": " + description);
    }

    private static long vrfKey(Vrf vrf) {
        return vrf == null ? -1 : vrf.id();
    }

    private static String stripMask(String address) {
        if (address == null) {
            return "";
        }
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    private static DhcpOptions globalOptions(DhcpdSettings.Global g) {
        return new DhcpOptions(
                List.of(),
                settingAddresses(
                        "netbox-dhcpd.config.global.domain-name-servers", g.domainNameServers()),
                g.domainName()
                        .map(
                                name ->
                                        settingValue(
                                                "netbox-dhcpd.config.global.domain-name",
                                                OptionValueParser.domainName(
                                                        TextNode.valueOf(name)))),
                Optional.of(
                        seconds(
                                "netbox-dhcpd.config.global.default-lease-time",
                                g.defaultLeaseTime())),
                Optional.of(seconds("netbox-dhcpd.config.global.max-lease-time", g.maxLeaseTime())),
                settingAddresses("netbox-dhcpd.config.global.ntp-servers", g.ntpServers()));
    }

    private static List<Ipv4Address> settingAddresses(
            String property, Optional<List<String>> values) {
        return values.map(
                        list ->
                                settingValue(
                                        property,
                                        OptionValueParser.addresses(
                                                TextNode.valueOf(String.join(",", list)))))
                .orElse(List.of());
    }

    private static <T> T settingValue(String property, Parsed<T> parsed) {
        parsed.error()
                .ifPresent(
                        error -> {
                            throw new IllegalArgumentException(property + ": " + error);
                        });
        return parsed.value().orElseThrow(() -> new IllegalArgumentException(property + ": empty"));
    }

    private static long seconds(String property, Duration duration) {
        long seconds = duration.toSeconds();
        requireRange(property, seconds, 1, OptionValueParser.MAX_LEASE_SECONDS);
        return seconds;
    }

    private static Map<PeerRole, FailoverPeer> failoverPeers(DhcpdSettings.Failover f) {
        requireHostName("netbox-dhcpd.config.failover.peer-name", f.peerName());
        requireRange(
                "netbox-dhcpd.config.failover.max-response-delay", f.maxResponseDelay(), 1, 3600);
        requireRange(
                "netbox-dhcpd.config.failover.max-unacked-updates",
                f.maxUnackedUpdates(),
                1,
                65535);
        requireRange(
                "netbox-dhcpd.config.failover.load-balance-max-seconds",
                f.loadBalanceMaxSeconds(),
                0,
                255);
        requireRange("netbox-dhcpd.config.failover.mclt", f.mclt(), 1, 86400 * 7);
        requireRange("netbox-dhcpd.config.failover.split", f.split(), 0, 256);
        Map<PeerRole, FailoverPeer> peers = new EnumMap<>(PeerRole.class);
        peers.put(PeerRole.PRIMARY, peer(f, PeerRole.PRIMARY, f.primary(), f.secondary()));
        peers.put(PeerRole.SECONDARY, peer(f, PeerRole.SECONDARY, f.secondary(), f.primary()));
        return peers;
    }

    private static FailoverPeer peer(
            DhcpdSettings.Failover f,
            PeerRole role,
            DhcpdSettings.Peer self,
            DhcpdSettings.Peer partner) {
        String prefix = "netbox-dhcpd.config.failover.";
        requireHost(prefix + role.keyword() + ".address", self.address());
        requireHost(prefix + role.keyword() + ".peer-address", self.peerAddress());
        requireRange(prefix + role.keyword() + ".port", self.port(), 1, 65535);
        Optional<Ipv4Address> serverIdentifier =
                self.serverIdentifier()
                        .map(
                                id ->
                                        settingAddress(
                                                prefix + role.keyword() + ".server-identifier",
                                                id));
        return new FailoverPeer(
                f.peerName(),
                role,
                self.address(),
                self.port(),
                partner.peerAddress(),
                partner.port(),
                f.maxResponseDelay(),
                f.maxUnackedUpdates(),
                f.loadBalanceMaxSeconds(),
                f.mclt(),
                f.split(),
                serverIdentifier);
    }

    private Subnet probeSubnet(DhcpdSettings s) {
        String property = "netbox-dhcpd.config.probe-subnet.network";
        Ipv4Network network = settingNetwork(property, s.probeSubnet().network());
        if (network.size() < 4) {
            throw new IllegalArgumentException(property + ": needs at least a /30");
        }
        long lease =
                seconds("netbox-dhcpd.config.probe-subnet.lease-time", s.probeSubnet().leaseTime());
        Pool pool =
                new Pool(
                        network.network().plus(1),
                        network.broadcast().plus(-1),
                        s.failover().peerName(),
                        Optional.empty());
        DhcpOptions options =
                new DhcpOptions(
                        List.of(),
                        List.of(),
                        Optional.empty(),
                        Optional.of(lease),
                        Optional.of(lease),
                        List.of());
        return new Subnet(
                network,
                "",
                NetBoxObject.setting(property, network.toString()),
                "probe subnet: never routed, only the readiness probe asks for it (option 118)",
                options,
                List.of(pool));
    }

    private static Ipv4Network settingNetwork(String property, String cidr) {
        return Ipv4Network.parse(cidr)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        property
                                                + ": not an IPv4 network with host bits cleared: "
                                                + OptionValueParser.quote(cidr)));
    }

    private static Ipv4Address settingAddress(String property, String address) {
        return Ipv4Address.parse(address.strip())
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        property
                                                + ": not an IPv4 address: "
                                                + OptionValueParser.quote(address)));
    }

    private static void requireHost(String property, String value) {
        if (!OptionValueParser.isHostOrAddress(value)) {
            throw new IllegalArgumentException(
                    property
                            + ": not a host name or IPv4 address: "
                            + OptionValueParser.quote(value));
        }
    }

    private static void requireHostName(String property, String value) {
        if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
            throw new IllegalArgumentException(
                    property
                            + ": use letters, digits, '_', '-', '.': "
                            + OptionValueParser.quote(value));
        }
    }

    private static void requirePath(String property, String value) {
        if (value == null || !value.matches("/[A-Za-z0-9_./-]+")) {
            throw new IllegalArgumentException(
                    property
                            + ": not an absolute path of [A-Za-z0-9_./-]: "
                            + OptionValueParser.quote(value));
        }
    }

    private static void requireRange(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    property + ": " + value + " is outside " + min + ".." + max);
        }
    }
}
