package dk.npflan.dhcp.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.backend.BundleCheck;
import dk.npflan.dhcp.backend.ServerBackend;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.ServerModel;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    private static final List<String> FILE_NAMES =
            List.of(
                    KeaConfigRenderer.fileName(PeerRole.PRIMARY),
                    KeaConfigRenderer.fileName(PeerRole.SECONDARY));

    private final KeaConfigRenderer renderer;
    private final KeaConfigChecker checker;

    public KeaBackend(KeaConfigRenderer renderer, KeaConfigChecker checker) {
        this.renderer = renderer;
        this.checker = checker;
    }

    public static KeaBackend from(KeaSettings settings) {
        return new KeaBackend(new KeaConfigRenderer(settings), KeaConfigChecker.from(settings));
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
            JsonNode config = JSON.readTree(bundle.files().get(FILE_NAMES.get(0)));
            for (JsonNode subnet : config.path("Dhcp4").path("subnet4")) {
                subnets.put(subnet.path("subnet").asText(), JSON.writeValueAsString(subnet));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a published Kea bundle is not JSON", e);
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
