package dk.npflan.dhcp.kea;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.InventoryFixture;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.Pool;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.ServerModel;
import dk.npflan.dhcp.config.Subnet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code kea-dhcp4 -t} (Debian's kea-dhcp4-server 2.2) on rendered configs: what passes,
 * what Kea refuses and which NetBox object the refusal is traced back to.
 */
@Tag("kea")
class KeaConfigCheckerTest {

    @TempDir Path tempRoot;

    private final KeaConfigRenderer renderer = new KeaConfigRenderer(KeaTestSettings.kea());

    private static ServerModel seed() {
        return InventoryFixture.build("seed-npflan.json", TestSettings.dhcpd()).model();
    }

    private KeaCheck check(ServerModel model) {
        return KeaTestSettings.checker(tempRoot).check(renderer.render(model), model);
    }

    private void assertTempRootEmpty() throws IOException {
        try (Stream<Path> left = Files.list(tempRoot)) {
            assertThat(left).as("left in the temp root").isEmpty();
        }
    }

    @Test
    void seedInventory_passesRealKeaForBothRoles() throws IOException {
        KeaCheck check = check(seed());

        assertThat(check.roles().values())
                .hasSize(2)
                .allSatisfy(role -> assertThat(role.passed()).as(role.output()).isTrue());
        assertThat(check.passed()).isTrue();
        assertThat(check.role(PeerRole.PRIMARY).output())
                .contains("HOOKS_LIBRARY_CLOSED")
                .contains("libdhcp_ha.so")
                .doesNotContain(tempRoot.toString());
        assertTempRootEmpty();
    }

    @Test
    void roleFilesOfABundle_differOnlyInTheServerName_anyOtherDifferenceIsSeen() {
        RenderedConfig bundle = renderer.render(seed());
        String primary = bundle.files().get(KeaConfigRenderer.fileName(PeerRole.PRIMARY));
        String secondary = bundle.files().get(KeaConfigRenderer.fileName(PeerRole.SECONDARY));

        assertThat(OnlyServerNameDiffers.of(primary, secondary)).isTrue();
        assertThat(OnlyServerNameDiffers.of(primary, primary)).as("the same file").isFalse();
        String otherToo =
                secondary.replaceFirst("\"valid-lifetime\"\\s*:\\s*\\d+", "\"valid-lifetime\": 1");
        assertThat(otherToo).isNotEqualTo(secondary);
        assertThat(OnlyServerNameDiffers.of(primary, otherToo)).isFalse();
        assertThat(
                        OnlyServerNameDiffers.of(
                                primary,
                                secondary.replaceFirst(
                                        "(\"this-server-name\"\\s*:\\s*\")[^\"]*\"",
                                        "$1se\\\\\"c\"")))
                .as("a name that leaves the string")
                .isFalse();
    }

    @Test
    void secondaryFileBrokenAlone_isCheckedOnItsOwn_primaryPasses() throws IOException {
        ServerModel model = seed();
        RenderedConfig good = renderer.render(model);
        Map<String, String> files = new java.util.LinkedHashMap<>(good.files());
        String name = KeaConfigRenderer.fileName(PeerRole.SECONDARY);
        files.put(name, files.get(name).strip() + "}");

        KeaCheck check = KeaTestSettings.checker(tempRoot).check(RenderedConfig.of(files), model);

        assertThat(check.role(PeerRole.PRIMARY).passed())
                .as(check.role(PeerRole.PRIMARY).output())
                .isTrue();
        assertThat(check.role(PeerRole.SECONDARY).verdict())
                .as(check.role(PeerRole.SECONDARY).output())
                .isEqualTo(KeaRoleCheck.Verdict.FAILED);
        assertTempRootEmpty();
    }

    @Test
    void duplicatePrefix_isRefusedWithKeasText_namingTheLaterPrefix() throws IOException {
        ServerModel model = seed();
        Subnet original = model.subnets().get(10);
        NetBoxObject twin =
                new NetBoxObject(
                        NetBoxObject.PREFIX,
                        77_777,
                        original.network().toString(),
                        "https://netbox.example.org/ipam/prefixes/77777/");
        List<Subnet> subnets = new ArrayList<>(model.subnets());
        subnets.add(
                new Subnet(
                        original.network(),
                        original.vrf(),
                        twin,
                        "prefix 77777 twin",
                        original.options(),
                        List.of()));

        KeaCheck check = check(KeaTestSettings.withSubnets(model, subnets));

        assertThat(check.passed()).isFalse();
        for (KeaRoleCheck role : check.roles().values()) {
            assertThat(role.verdict()).isEqualTo(KeaRoleCheck.Verdict.FAILED);
            assertThat(role.error().orElseThrow().text())
                    .contains(
                            "subnet with the prefix of '" + original.network() + "' already exists")
                    .contains(KeaConfigRenderer.fileName(role.role()) + ":");
            assertThat(role.error().orElseThrow().line()).as("Kea names the position").isPresent();
            assertThat(role.object()).contains(twin);
        }
        assertTempRootEmpty();
    }

    @Test
    void poolOutsideItsSubnet_isRefusedWithKeasText_namingTheSubnetsPrefix() {
        ServerModel model = seed();
        Subnet original = model.subnets().get(3);
        Pool pool = original.pools().get(0);
        Pool outside =
                new Pool(
                        pool.start(),
                        new Ipv4Address(original.network().broadcast().value() + 10),
                        pool.failoverPeer(),
                        Optional.empty());
        List<Subnet> subnets = new ArrayList<>(model.subnets());
        subnets.set(
                3,
                new Subnet(
                        original.network(),
                        original.vrf(),
                        original.source(),
                        original.comment(),
                        original.options(),
                        List.of(outside)));

        KeaRoleCheck primary =
                check(KeaTestSettings.withSubnets(model, subnets)).role(PeerRole.PRIMARY);

        assertThat(primary.verdict()).isEqualTo(KeaRoleCheck.Verdict.FAILED);
        assertThat(primary.error().orElseThrow().text())
                .contains("does not match the prefix of a subnet: " + original.network());
        assertThat(primary.object()).contains(original.source());
    }

    @Test
    void hooksDirWithoutTheLibraries_isRefused_naming_theLibrary() throws IOException {
        Path empty = Files.createDirectory(tempRoot.resolve("no-hooks"));
        KeaConfigRenderer noHooks =
                new KeaConfigRenderer(
                        KeaTestSettings.kea(
                                Map.of("netbox-dhcpd.kea.hooks-dir", empty.toString())));
        ServerModel model = seed();
        Path checks = Files.createDirectory(tempRoot.resolve("checks"));

        KeaRoleCheck primary =
                KeaTestSettings.checker(checks)
                        .check(noHooks.render(model), model, PeerRole.PRIMARY);

        assertThat(primary.verdict()).isEqualTo(KeaRoleCheck.Verdict.FAILED);
        assertThat(primary.error().orElseThrow().text())
                .contains("hooks libraries failed to validate")
                .contains("libdhcp_lease_cmds.so");
        assertThat(primary.object()).isEmpty();
        try (Stream<Path> left = Files.list(checks)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void missingBinary_isNotRun_andSaysWhy() throws IOException {
        ServerModel model = seed();
        RenderedConfig rendered = renderer.render(model);

        KeaRoleCheck primary =
                new KeaConfigChecker("/nonexistent/kea-dhcp4", Duration.ofSeconds(5), tempRoot)
                        .check(rendered, model, PeerRole.PRIMARY);

        assertThat(primary.verdict()).isEqualTo(KeaRoleCheck.Verdict.NOT_RUN);
        assertThat(primary.output()).startsWith("cannot run /nonexistent/kea-dhcp4 -t: ");
        assertTempRootEmpty();
    }

    @Test
    void keaThatDoesNotFinish_isKilledAtTheTimeout_andReportedAsTimedOut() throws IOException {
        Path bin = Files.createDirectory(tempRoot.resolve("bin"));
        Path hanging = bin.resolve("kea-dhcp4");
        Files.writeString(hanging, "#!/bin/sh\nexec sleep 600\n");
        hanging.toFile().setExecutable(true);
        Path checks = Files.createDirectory(tempRoot.resolve("checks"));
        ServerModel model = seed();

        KeaRoleCheck primary =
                new KeaConfigChecker(hanging.toString(), Duration.ofSeconds(1), checks)
                        .check(renderer.render(model), model, PeerRole.PRIMARY);

        assertThat(primary.verdict()).isEqualTo(KeaRoleCheck.Verdict.TIMED_OUT);
        assertThat(primary.passed()).isFalse();
        try (Stream<Path> left = Files.list(checks)) {
            assertThat(left).isEmpty();
        }
    }
}
