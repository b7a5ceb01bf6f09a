package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which NetBox prefixes are DHCP subnets. It yields both the server-side filter parameters
 * (to cut the fetch) and the client-side predicate, which is always re-applied: NetBox silently
 * ignores filter names it does not know and would otherwise hand us every prefix.
 */
public record PrefixSelection(
        SelectionMode mode,
        Set<String> statuses,
        String tag,
        Set<String> roles,
        Optional<String> customField,
        Set<String> vrfs,
        Set<String> rangeStatuses,
        Set<String> addressStatuses) {

    /** Token in {@code vrfs} that stands for NetBox's global table (no VRF). */
    public static final String GLOBAL_VRF = "global";

    public PrefixSelection {
        statuses = Set.copyOf(statuses);
        roles = Set.copyOf(roles);
        vrfs = Set.copyOf(vrfs);
        rangeStatuses = Set.copyOf(rangeStatuses);
        addressStatuses = Set.copyOf(addressStatuses);
    }

    /** The default IP address statuses that make a host reservation. */
    public static final Set<String> DEFAULT_ADDRESS_STATUSES = Set.of("dhcp", "reserved");

    /** The default: active IPv4 prefixes tagged {@code dhcp}, active ranges. */
    public static PrefixSelection byTag(String tag) {
        return new PrefixSelection(
                SelectionMode.TAG,
                Set.of("active"),
                tag,
                Set.of(),
                Optional.empty(),
                Set.of(),
                Set.of("active"),
                DEFAULT_ADDRESS_STATUSES);
    }

    /** Builds and checks the selection from settings; contradictions are configuration errors. */
    public static PrefixSelection from(NetBoxSettings.Selection s) throws InventoryException {
        PrefixSelection selection =
                new PrefixSelection(
                        s.mode(),
                        new LinkedHashSet<>(s.statuses()),
                        s.tag(),
                        new LinkedHashSet<>(s.roles().orElse(List.of())),
                        s.customField(),
                        new LinkedHashSet<>(s.vrfs().orElse(List.of())),
                        new LinkedHashSet<>(s.rangeStatuses()),
                        s.reservations().enabled()
                                ? new LinkedHashSet<>(s.reservations().statuses())
                                : Set.of());
        selection.check();
        return selection;
    }

    /** Rejects a mode whose criterion is empty; an empty criterion would select everything. */
    public void check() throws InventoryException {
        String missing =
                switch (mode) {
                    case TAG -> tag == null || tag.isBlank() ? "selection.tag" : null;
                    case ROLE -> roles.isEmpty() ? "selection.roles" : null;
                    case CUSTOM_FIELD ->
                            customField.filter(f -> !f.isBlank()).isEmpty()
                                    ? "selection.custom-field"
                                    : null;
                    case VRF -> vrfs.isEmpty() ? "selection.vrfs" : null;
                };
        if (missing != null) {
            throw new InventoryException(
                    InventoryProblem.MISCONFIGURED,
                    "selection mode " + mode + " needs netbox-dhcpd.netbox." + missing);
        }
        if (statuses.isEmpty()) {
            throw new InventoryException(
                    InventoryProblem.MISCONFIGURED, "selection.statuses must not be empty");
        }
    }

    /** The client-side predicate, address family aside (see {@link #apply}). */
    public boolean matches(Prefix prefix) {
        return statuses.contains(prefix.statusValue())
                && matchesCriterion(prefix)
                && inVrfs(prefix.vrf());
    }

    private boolean matchesCriterion(Prefix prefix) {
        return switch (mode) {
            case TAG -> prefix.tags().stream().anyMatch(t -> tag.equals(t.slug()));
            case ROLE -> prefix.role() != null && roles.contains(prefix.role().slug());
            case CUSTOM_FIELD -> isTrue(prefix.customFields().get(customField.orElseThrow()));
            case VRF -> true; // the VRF restriction below is the criterion
        };
    }

    private static boolean isTrue(JsonNode value) {
        return value != null && value.isBoolean() && value.booleanValue();
    }

    private boolean inVrfs(Vrf vrf) {
        if (vrfs.isEmpty()) {
            return true;
        }
        if (vrf == null) {
            return vrfs.contains(GLOBAL_VRF);
        }
        return vrfs.contains(String.valueOf(vrf.id()))
                || (vrf.name() != null && vrfs.contains(vrf.name()));
    }

    /** Whether IP addresses are read for host reservations at all. */
    public boolean reservations() {
        return !addressStatuses.isEmpty();
    }

    /**
     * Selects prefixes, ranges and the IP addresses with a reservation status; selected IPv6
     * prefixes are set aside for reporting.
     */
    public SelectedInventory apply(Inventory inventory) {
        List<Prefix> selected = new ArrayList<>();
        List<Prefix> ipv6 = new ArrayList<>();
        for (Prefix prefix : inventory.prefixes()) {
            if (matches(prefix)) {
                (prefix.isIpv4() ? selected : ipv6).add(prefix);
            }
        }
        List<IpRange> ranges =
                inventory.ipRanges().stream()
                        .filter(r -> rangeStatuses.contains(r.statusValue()))
                        .toList();
        List<IpAddress> addresses =
                inventory.ipAddresses().stream()
                        .filter(a -> addressStatuses.contains(a.statusValue()))
                        .toList();
        HostInventory hosts =
                new HostInventory(addresses, inventory.interfaces(), inventory.macAddresses());
        return new SelectedInventory(selected, ranges, ipv6, hosts);
    }

    /**
     * Server-side filters for {@code /api/ipam/prefixes/}. The family is not filtered so that IPv6
     * prefixes can be reported; VRF names have no NetBox filter and are matched client-side only.
     */
    public List<QueryParameter> prefixFilters() {
        List<QueryParameter> filters = new ArrayList<>();
        statuses.stream().sorted().forEach(s -> filters.add(new QueryParameter("status", s)));
        switch (mode) {
            case TAG -> filters.add(new QueryParameter("tag", tag));
            case ROLE ->
                    roles.stream()
                            .sorted()
                            .forEach(r -> filters.add(new QueryParameter("role", r)));
            case CUSTOM_FIELD ->
                    filters.add(new QueryParameter("cf_" + customField.orElseThrow(), "true"));
            case VRF -> {}
        }
        if (!vrfs.isEmpty() && vrfs.stream().allMatch(PrefixSelection::isVrfIdToken)) {
            vrfs.stream()
                    .sorted()
                    .forEach(
                            v ->
                                    filters.add(
                                            new QueryParameter(
                                                    "vrf_id", GLOBAL_VRF.equals(v) ? "null" : v)));
        }
        return filters;
    }

    /**
     * Server-side filters for {@code /api/ipam/ip-ranges/}: status only, pools are matched by
     * containment.
     */
    public List<QueryParameter> rangeFilters() {
        return rangeStatuses.stream().sorted().map(s -> new QueryParameter("status", s)).toList();
    }

    /**
     * Server-side filters for {@code /api/ipam/ip-addresses/}: IPv4 with a reservation status; the
     * model keeps those inside a selected prefix of the same VRF.
     */
    public List<QueryParameter> addressFilters() {
        List<QueryParameter> filters = new ArrayList<>();
        filters.add(new QueryParameter("family", "4"));
        addressStatuses.stream()
                .sorted()
                .forEach(s -> filters.add(new QueryParameter("status", s)));
        return filters;
    }

    private static boolean isVrfIdToken(String v) {
        return GLOBAL_VRF.equals(v) || v.chars().allMatch(Character::isDigit);
    }
}
