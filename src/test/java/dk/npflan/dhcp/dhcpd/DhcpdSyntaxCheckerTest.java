package dk.npflan.dhcp.dhcpd;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.ConfigProblem;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.InventoryFixture;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code dhcpd -t} on both role variants: every failure class of docs/rendering.md's table
 * comes back as a typed outcome with the first error parsed (file and line where dhcpd gives them).
 */
@Tag("dhcpd")
class DhcpdSyntaxCheckerTest {

    private final DhcpdSettings settings = TestSettings.dhcpd();
    private final DhcpdSyntaxChecker checker = TestSettings.syntaxChecker(settings);

    private RenderedConfig valid() {
        return InventoryFixture.build("representative.json", settings).rendered();
    }

    private static RenderedConfig edit(
            RenderedConfig config, String file, UnaryOperator<String> change) {
        Map<String, String> files = new LinkedHashMap<>(config.files());
        files.put(file, change.apply(files.get(file)));
        return RenderedConfig.of(files);
    }

    @Test
    void validConfig_passesForBothRoles() {
        SyntaxCheck check = checker.check(valid());

        assertThat(check.isValid()).isTrue();
        assertThat(check.roles()).containsOnlyKeys(PeerRole.PRIMARY, PeerRole.SECONDARY);
        assertThat(check.role(PeerRole.PRIMARY).output())
                .contains("Config file: dhcpd.conf")
                .doesNotContain("netbox-dhcpd-check");
    }

    @Test
    void rangeOutsideItsSubnet_isCaughtByUsAndByDhcpdWithoutFileOrLine() {
        ConfigBuild.Result result =
                InventoryFixture.build("invalid/range-outside-subnet.json", settings);

        assertThat(result.errors())
                .extracting(ConfigProblem::kind)
                .containsExactly(ConfigProblem.Kind.RANGE_OUTSIDE_SUBNET);
        RoleCheck primary = checker.check(result.rendered(), PeerRole.PRIMARY);
        assertThat(primary.outcome()).isEqualTo(ConfigCheck.Verdict.FAILED);
        assertThat(primary.error())
                .hasValueSatisfying(
                        e -> {
                            assertThat(e.file()).isEmpty();
                            assertThat(e.line()).isEmpty();
                            assertThat(e.message())
                                    .isEqualTo(
                                            "bad range, address 10.10.1.20 not in subnet 10.10.0.0 netmask 255.255.255.0");
                        });
    }

    @Test
    void subnetOverlappingAnEmptySubnet_passesDhcpd_soOnlyOurCheckCatchesIt() {
        ConfigBuild.Result result =
                InventoryFixture.build("invalid/overlaps-server-network.json", settings);

        assertThat(result.errors())
                .extracting(ConfigProblem::kind)
                .containsExactly(ConfigProblem.Kind.OVERLAPPING_SUBNETS);
        SyntaxCheck check = checker.check(result.rendered());
        assertThat(check.isValid()).isTrue();
    }

    @Test
    void overlappingSubnetsWithOverlappingPools_areCaughtByUsAndByDhcpd() {
        ConfigBuild.Result result =
                InventoryFixture.build("invalid/overlapping-subnets.json", settings);

        assertThat(result.errors())
                .extracting(ConfigProblem::kind)
                .containsExactly(ConfigProblem.Kind.OVERLAPPING_SUBNETS);
        RoleCheck check = checker.check(result.rendered(), PeerRole.PRIMARY);
        assertThat(check.error())
                .hasValueSatisfying(
                        e -> {
                            assertThat(e.file()).hasValue("dhcpd.conf");
                            assertThat(e.message()).isEqualTo("lease 10.10.1.4 is declared twice!");
                        });
        assertThat(
                        new SubnetLocator(result.rendered().config(), result.model().allSubnets())
                                .locate(check.error().orElseThrow().line().getAsInt()))
                .hasValueSatisfying(o -> assertThat(o.id()).isEqualTo(22));
        assertThat(
                        new SubnetLocator(result.rendered().config(), result.model().allSubnets())
                                .locate(3))
                .isEmpty();
        assertThat(check.warnings())
                .containsExactly("Warning: subnet 10.10.1.0/24 overlaps subnet 10.10.0.0/23");
        assertThat(check.output()).hasSizeLessThanOrEqualTo(ConfigCheck.MAX_OUTPUT + 100);
    }

    @Test
    void missingSemicolon_isReportedWithFileAndLine() {
        RenderedConfig broken =
                edit(
                        valid(),
                        RenderedConfig.CONFIG,
                        c -> c.replace("omapi-port 7911;", "omapi-port 7911"));

        RoleCheck check = checker.check(broken, PeerRole.SECONDARY);

        assertThat(check.outcome()).isEqualTo(ConfigCheck.Verdict.FAILED);
        assertThat(check.error())
                .hasValueSatisfying(
                        e -> {
                            assertThat(e.file()).hasValue("dhcpd.conf");
                            assertThat(e.line()).hasValue(11);
                            assertThat(e.message()).isEqualTo("semicolon expected.");
                        });
    }

    @Test
    void splitOnTheSecondary_failsOnlyTheSecondary() {
        RenderedConfig broken =
                edit(
                        valid(),
                        PeerRole.SECONDARY.fileName(),
                        f -> f.replace("    secondary;\n", "    secondary;\n    split 128;\n"));

        SyntaxCheck check = checker.check(broken);

        assertThat(check.role(PeerRole.PRIMARY).isValid()).isTrue();
        assertThat(check.role(PeerRole.SECONDARY).error())
                .hasValueSatisfying(
                        e -> {
                            assertThat(e.file()).hasValue("dhcpd.failover.secondary");
                            assertThat(e.message())
                                    .contains("secondary may not define load balance settings");
                        });
    }

    @Test
    void primaryWithoutMclt_fails() {
        RenderedConfig broken =
                edit(valid(), PeerRole.PRIMARY.fileName(), f -> f.replace("    mclt 3600;\n", ""));

        assertThat(checker.check(broken, PeerRole.PRIMARY).error())
                .hasValueSatisfying(
                        e ->
                                assertThat(e.message())
                                        .contains("primary failover server must have mclt."));
    }

    @Test
    void poolNamingAnUndeclaredPeer_fails() {
        RenderedConfig broken =
                edit(
                        valid(),
                        RenderedConfig.CONFIG,
                        c ->
                                c.replaceFirst(
                                        "failover peer \"failover-partner\";",
                                        "failover peer \"nobody\";"));

        assertThat(checker.check(broken, PeerRole.PRIMARY).error())
                .hasValueSatisfying(
                        e -> assertThat(e.message()).contains("failover peer nobody: not found"));
    }

    @Test
    void peerWithoutReferringPools_failsTheSanityCheck() {
        RenderedConfig broken =
                edit(
                        valid(),
                        RenderedConfig.CONFIG,
                        c -> c.replace("failover peer \"failover-partner\";", "# no failover"));

        assertThat(checker.check(broken, PeerRole.SECONDARY).error())
                .hasValueSatisfying(
                        e -> assertThat(e.message()).contains("has no referring pools"));
    }

    @Test
    void missingIncludeFile_fails() {
        RenderedConfig broken =
                edit(
                        valid(),
                        RenderedConfig.CONFIG,
                        c ->
                                c.replace(
                                        "include \"/etc/dhcp/failover/dhcpd.failover\";",
                                        "include \"/nonexistent/netbox-dhcpd.failover\";"));

        assertThat(checker.check(broken, PeerRole.PRIMARY).error())
                .hasValueSatisfying(
                        e ->
                                assertThat(e.message())
                                        .startsWith(
                                                "Can't open /nonexistent/netbox-dhcpd.failover"));
    }

    @Test
    void firstAddressSecondaryCheck_stillCatchesSecondaryOnlyErrors() {
        DhcpdSyntaxChecker fast =
                TestSettings.syntaxChecker(
                        TestSettings.dhcpd(
                                Map.of(
                                        "netbox-dhcpd.config.validation.secondary-check",
                                        "FIRST_ADDRESS")));
        RenderedConfig broken =
                edit(
                        valid(),
                        PeerRole.SECONDARY.fileName(),
                        f -> f.replace("    secondary;\n", "    secondary;\n    split 128;\n"));

        assertThat(fast.check(valid()).isValid()).isTrue();
        assertThat(fast.check(broken).role(PeerRole.SECONDARY).error())
                .hasValueSatisfying(
                        e ->
                                assertThat(e.message())
                                        .contains(
                                                "secondary may not define load balance settings"));
    }

    @Test
    void firstAddressSecondaryCheck_leavesRangeErrorsToThePrimary() {
        DhcpdSyntaxChecker fast =
                TestSettings.syntaxChecker(
                        TestSettings.dhcpd(
                                Map.of(
                                        "netbox-dhcpd.config.validation.secondary-check",
                                        "FIRST_ADDRESS")));
        ConfigBuild.Result result =
                InventoryFixture.build("invalid/overlapping-subnets.json", settings);

        SyntaxCheck check = fast.check(result.rendered());

        assertThat(check.isValid()).isFalse();
        assertThat(check.role(PeerRole.PRIMARY).error())
                .hasValueSatisfying(e -> assertThat(e.message()).contains("declared twice"));
    }

    @Test
    void hangingDhcpd_bothRolesKilledAfterTheTimeoutCountedFromTheirOwnStart(@TempDir Path dir)
            throws IOException {
        Path hanging = dir.resolve("dhcpd");
        Files.writeString(hanging, "#!/bin/sh\necho still parsing >&2\nexec sleep 30\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
        Duration timeout = Duration.ofSeconds(2);
        DhcpdSyntaxChecker slow =
                DhcpdSyntaxChecker.using(
                        new DhcpdConfigChecker(hanging.toString(), timeout), settings);

        SyntaxCheck check = slow.check(valid());

        assertThat(check.roles().values())
                .allSatisfy(
                        role -> {
                            assertThat(role.outcome()).isEqualTo(ConfigCheck.Verdict.TIMED_OUT);
                            assertThat(role.error().orElseThrow().message())
                                    .contains("PT2S")
                                    .contains("still parsing");
                            // waiting for the primary first must not give the secondary a
                            // second timeout: each run is killed one timeout after its start
                            assertThat(role.elapsed())
                                    .isLessThan(timeout.multipliedBy(7).dividedBy(4));
                        });
    }

    @Test
    void binaryFromTheDhcpdProcessSettings_isTheOneValidationRuns() {
        DhcpdSyntaxChecker missing =
                DhcpdSyntaxChecker.from(
                        settings,
                        TestSettings.process(
                                Map.of("netbox-dhcpd.dhcpd.binary", "/nonexistent/dhcpd")));

        RoleCheck check = missing.check(valid(), PeerRole.PRIMARY);

        assertThat(check.outcome()).isEqualTo(ConfigCheck.Verdict.NOT_RUN);
        assertThat(check.error().orElseThrow().message()).contains("cannot run /nonexistent/dhcpd");
    }
}
