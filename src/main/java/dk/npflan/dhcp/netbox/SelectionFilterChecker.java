package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Proves that the tag or custom field a selection filters on exists in NetBox before any prefix is
 * fetched. NetBox ignores a {@code cf_…} filter for a field it does not know and would return every
 * prefix; the lookup endpoints are filters too, so the returned object must carry exactly the name.
 */
public final class SelectionFilterChecker {

    private final NetBoxClient client;

    public SelectionFilterChecker(NetBoxClient client) {
        this.client = client;
    }

    public void check(PrefixSelection selection) throws InventoryException {
        switch (selection.mode()) {
            case TAG -> requireExact("/api/extras/tags/", "slug", selection.tag(), "tag");
            case CUSTOM_FIELD ->
                    requireExact(
                            "/api/extras/custom-fields/",
                            "name",
                            selection.customField().orElseThrow(),
                            "custom field");
            case ROLE, VRF -> {} // an unknown role slug is a 400 from NetBox; VRFs are matched
                // client-side
        }
    }

    private void requireExact(String path, String field, String value, String what)
            throws InventoryException {
        List<JsonNode> found =
                client.list(path, List.of(new QueryParameter(field, value)), JsonNode.class);
        boolean exists = found.stream().anyMatch(n -> value.equals(n.path(field).asText(null)));
        if (!exists) {
            throw new InventoryException(
                    InventoryProblem.SELECTION_FILTER_MISSING,
                    "selection "
                            + what
                            + " '"
                            + value
                            + "' does not exist in NetBox ("
                            + client.baseUrl()
                            + path
                            + "?"
                            + field
                            + "="
                            + value
                            + "); NetBox would ignore the filter and return every prefix, so nothing is rendered."
                            + " Create it or fix netbox-dhcpd.netbox.selection");
        }
    }
}
