package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.backend.BundleCheck;
import dk.npflan.dhcp.backend.ServerBackend;
import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.DhcpdConfigRenderer;
import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.ServerModel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ISC dhcpd as a {@link ServerBackend}: dhcpd.conf plus one failover include per role, checked by
 * the real {@code dhcpd -t} for both roles in parallel, and read back by its subnet blocks.
 */
public final class DhcpdBackend implements ServerBackend {

    public static final String NAME = "dhcpd";

    private final DhcpdSyntaxChecker checker;

    public DhcpdBackend(DhcpdSyntaxChecker checker) {
        this.checker = checker;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String checkName() {
        return "dhcpd -t";
    }

    @Override
    public List<String> fileNames() {
        return BundleFiles.NAMES; // dhcpd.conf, then each role's failover include
    }

    @Override
    public RenderedConfig render(ServerModel model) {
        return new DhcpdConfigRenderer().render(model);
    }

    @Override
    public BundleCheck check(RenderedConfig bundle, ServerModel model) {
        SubnetLocator locator = new SubnetLocator(bundle.config(), model.allSubnets());
        Map<PeerRole, BundleCheck.Role> roles = new EnumMap<>(PeerRole.class);
        checker.check(bundle)
                .roles()
                .forEach((role, check) -> roles.put(role, role(check, locator)));
        return new BundleCheck(roles);
    }

    @Override
    public Map<String, String> subnets(RenderedConfig bundle) {
        return DhcpdSubnetBlocks.of(bundle.config());
    }

    @Override
    public Map<String, String> reservations(RenderedConfig bundle) {
        return DhcpdHostBlocks.of(bundle.config());
    }

    private static BundleCheck.Role role(RoleCheck check, SubnetLocator locator) {
        return new BundleCheck.Role(
                check.role(),
                check.isValid(),
                check.outcome() != ConfigCheck.Verdict.NOT_RUN,
                check.outcome().name(),
                check.elapsed(),
                check.error().map(e -> error(e, locator)),
                check.warnings());
    }

    private static BundleCheck.Error error(DhcpdError error, SubnetLocator locator) {
        Optional<NetBoxObject> object =
                error.file().filter(RenderedConfig.CONFIG::equals).isPresent()
                                && error.line().isPresent()
                        ? locator.locate(error.line().getAsInt())
                        : Optional.empty();
        return new BundleCheck.Error(error.file(), error.line(), error.message(), object);
    }
}
