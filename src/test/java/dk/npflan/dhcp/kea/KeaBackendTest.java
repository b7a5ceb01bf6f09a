package dk.npflan.dhcp.kea;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.backend.BundleCheck;
import dk.npflan.dhcp.config.InventoryFixture;
import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.ServerModel;
import dk.npflan.dhcp.config.Subnet;
import dk.npflan.dhcp.pipeline.SubnetDiff;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kea through the backend seam: what the pipeline sees of render, the real check and read-back. */
@Tag("kea")
class KeaBackendTest {

    @TempDir Path tempRoot;

    private KeaBackend backend() {
        return new KeaBackend(
                new KeaConfigRenderer(KeaTestSettings.kea()), KeaTestSettings.checker(tempRoot));
    }

    private static ConfigBuild.Result seed(KeaBackend backend) {
        return InventoryFixture.build("seed-npflan.json", TestSettings.dhcpd(), backend::render);
    }

    @Test
    void seedBundle_isOneFilePerRole_andPassesKeaForBoth() {
        KeaBackend backend = backend();
        ConfigBuild.Result build = seed(backend);

        assertThat(build.rendered().files().keySet())
                .containsExactlyElementsOf(backend.fileNames())
                .containsExactly("kea-dhcp4.primary.json", "kea-dhcp4.secondary.json");
        BundleCheck check = backend.check(build.rendered(), build.model());
        assertThat(check.isValid()).as(check.roles().toString()).isTrue();
        assertThat(backend.checkName()).isEqualTo("kea-dhcp4 -t");
    }

    @Test
    void duplicatePrefix_failsBothRoles_namingTheNetBoxPrefix() {
        KeaBackend backend = backend();
        ServerModel model = seed(backend).model();
        Subnet original = model.subnets().get(10);
        NetBoxObject twin =
                new NetBoxObject(NetBoxObject.PREFIX, 77_777, original.network().toString(), "u");
        List<Subnet> subnets = new ArrayList<>(model.subnets());
        subnets.add(
                new Subnet(
                        original.network(),
                        original.vrf(),
                        twin,
                        "twin",
                        original.options(),
                        List.of()));
        ServerModel broken = KeaTestSettings.withSubnets(model, subnets);

        BundleCheck check = backend.check(backend.render(broken), broken);

        BundleCheck.Role primary = check.role(PeerRole.PRIMARY);
        assertThat(primary.passed()).isFalse();
        assertThat(primary.outcome()).isEqualTo("FAILED");
        assertThat(primary.error().orElseThrow().file()).hasValue("kea-dhcp4.primary.json");
        assertThat(primary.error().orElseThrow().message()).contains("already exists");
        assertThat(primary.error().orElseThrow().object()).contains(twin);
    }

    @Test
    void subnets_areReadBackByPrefix_soADiffSeesOneChangedSubnet() {
        KeaBackend backend = backend();
        ServerModel model = seed(backend).model();
        RenderedConfig before = backend.render(model);
        List<Subnet> subnets = new ArrayList<>(model.subnets());
        Subnet first = subnets.get(0);
        subnets.set(
                0,
                new Subnet(
                        first.network(),
                        first.vrf(),
                        first.source(),
                        first.comment() + " edited",
                        first.options(),
                        List.of()));
        RenderedConfig after = backend.render(KeaTestSettings.withSubnets(model, subnets));

        assertThat(backend.subnets(before)).hasSize(model.allSubnets().size());
        SubnetDiff diff =
                SubnetDiff.between(backend.subnets(before), backend.subnets(after), Set.of());
        assertThat(diff.changed()).containsExactly(first.network().toString());
        assertThat(diff.added()).isEmpty();
        assertThat(diff.removed()).isEmpty();
    }
}
