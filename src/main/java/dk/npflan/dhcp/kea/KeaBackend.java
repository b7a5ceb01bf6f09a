package dk.npflan.dhcp.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.backend.BundleCheck;
import dk.npflan.dhcp.backend.ServerBackend;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.ServerModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * ISC Kea as a {@link ServerBackend}: one complete Dhcp4 JSON file per role ({@link
 * KeaConfigRenderer}), checked by the real {@code kea-dhcp4 -t} for each ({@link
 * KeaConfigChecker}), read back by its {@code subnet4} entries.
 */
public final class KeaBackend implements ServerBackend {

    public static final String NAME = "kea";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Marks a subnet read out of a shared network, so that moving in or out changes it. */
    private static final String SHARED_NETWORK = "shared-network";

    private static final List<String> FILE_NAMES =
            List.of(
                    KeaConfigRenderer.fileName(PeerRole.PRIMARY),
                    KeaConfigRenderer.fileName(PeerRole.SECONDARY));

    private final KeaConfigRenderer renderer;
    private final KeaConfigChecker checker;
    private final Duration gateStableFor;

    public KeaBackend(KeaConfigRenderer renderer, KeaConfigChecker checker) {
        this(renderer, checker, Duration.ZERO);
    }

    public KeaBackend(
            KeaConfigRenderer renderer, KeaConfigChecker checker, Duration gateStableFor) {
        this.renderer = renderer;
        this.checker = checker;
        this.gateStableFor = gateStableFor;
    }

    public static KeaBackend from(KeaSettings settings) {
        return new KeaBackend(
                new KeaConfigRenderer(settings),
                KeaConfigChecker.from(settings),
                settings.gateStableFor());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String checkName() {
        return "kea-dhcp4 -t";
    }

    @Override
    public List<String> fileNames() {
        return FILE_NAMES;
    }

    /**
     * {@code netbox-dhcpd.kea.gate-stable-for} (0 by default): the Kea agent answers an apply only
     * once both peers' {@code ha-heartbeat} are normal and its own {@code status-get} has heard the
     * partner normal, and drops its cached probe with the apply, so the roller's first poll that
     * sees the gate met needs no hold on top (docs/kea.md, "The apply gate").
     */
    @Override
    public Optional<Duration> gateStableFor() {
        return Optional.of(gateStableFor);
    }

    @Override
    public RenderedConfig render(ServerModel model) {
        return renderer.render(model);
    }

    @Override
    public BundleCheck check(RenderedConfig bundle, ServerModel model) {
        Map<PeerRole, BundleCheck.Role> roles = new EnumMap<>(PeerRole.class);
        checker.check(bundle, model).roles().forEach((role, check) -> roles.put(role, role(check)));
        return new BundleCheck(roles);
    }

    /**
     * Subnet → its {@code subnet4} entry as compact JSON; both roles' files hold the same subnets.
     */
    @Override
    public Map<String, String> subnets(RenderedConfig bundle) {
        Map<String, String> subnets = new LinkedHashMap<>();
        try {
            for (JsonNode subnet : subnet4(bundle)) {
                // reservations are diffed on their own: they do not make the subnet changed
                ObjectNode copy = subnet.deepCopy();
                copy.remove("reservations");

                subnets.put(subnet.path("subnet").asText(), JSON.writeValueAsString(copy));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a published Kea bundle is not JSON", e);
        }
        return subnets;
    }

    /**
     * {@code nbd-ip-<NetBox id>} → the reservation's entry as compact JSON, from the NetBox id in
     * its {@code user-context}, across all subnets.
     */
    @Override
    public Map<String, String> reservations(RenderedConfig bundle) {
        Map<String, String> reservations = new LinkedHashMap<>();
        try {
            for (JsonNode subnet : subnet4(bundle)) {
                for (JsonNode r : subnet.path("reservations")) {
                    long id = r.path("user-context").path("netbox").path("id").asLong();
                    reservations.put("nbd-ip-" + id, JSON.writeValueAsString(r));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a published Kea bundle is not JSON", e);
        }
        return reservations;
    }

    /**
     * Every subnet of the file: the top-level ones, then those of each shared network, each of the
     * latter marked with the network's name (a key Kea never writes into a subnet).
     */
    private static List<JsonNode> subnet4(RenderedConfig bundle) throws IOException {
        JsonNode dhcp4 = JSON.readTree(bundle.files().get(FILE_NAMES.get(0))).path("Dhcp4");
        List<JsonNode> subnets = new ArrayList<>();
        dhcp4.path("subnet4").forEach(subnets::add);
        for (JsonNode network : dhcp4.path("shared-networks")) {
            for (JsonNode subnet : network.path("subnet4")) {
                ObjectNode marked = subnet.deepCopy();
                marked.put(SHARED_NETWORK, network.path("name").asText());
                subnets.add(marked);
            }
        }
        return subnets;
    }

    private static BundleCheck.Role role(KeaRoleCheck check) {
        return new BundleCheck.Role(
                check.role(),
                check.passed(),
                check.verdict() != KeaRoleCheck.Verdict.NOT_RUN,
                check.verdict().name(),
                check.elapsed(),
                check.error()
                        .map(
                                e ->
                                        new BundleCheck.Error(
                                                Optional.of(
                                                        KeaConfigRenderer.fileName(check.role())),
                                                e.line().isPresent()
                                                        ? OptionalInt.of((int) e.line().getAsLong())
                                                        : OptionalInt.empty(),
                                                e.text(),
                                                check.object())),
                List.of());
    }
}
