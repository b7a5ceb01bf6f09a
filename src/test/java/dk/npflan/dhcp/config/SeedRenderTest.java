package dk.npflan.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.dhcpd.SyntaxCheck;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The seed's real 292-row export, converted with the seed's role rules, must give its 199 DHCP
 * subnets.
 */
class SeedRenderTest {

    private final DhcpdSettings settings = TestSettings.dhcpd();

    @Test
    void seedExport_renders199SubnetsWithoutErrorsOrReports() {
        ConfigBuild.Result result = InventoryFixture.build("seed-npflan.json", settings);

        assertThat(result.errors()).isEmpty();
        assertThat(result.reports()).isEmpty();
        assertThat(result.model().subnets()).hasSize(199);
        assertThat(result.rendered().config().lines().filter(l -> l.startsWith("subnet ")))
                .hasSize(201);
        assertThat(result.rendered().config()).contains("range 10.0.248.4 10.0.248.122;");
    }

    @Test
    @Tag("dhcpd")
    void seedExport_passesRealDhcpdForBothRoles() {
        ConfigBuild.Result result = InventoryFixture.build("seed-npflan.json", settings);

        SyntaxCheck check = TestSettings.syntaxChecker(settings).check(result.rendered());

        assertThat(check.roles().values())
                .allSatisfy(role -> assertThat(role.isValid()).as(role.output()).isTrue());
    }

    @Test
    void seedExport_matchesGoldenFiles() {
        GoldenFiles.assertMatches(
                "seed-npflan", InventoryFixture.build("seed-npflan.json", settings).rendered());
    }

    @Test
    void seedFixture_equalsAFreshConversionOfTheCsv() throws IOException {
        String csv;
        try (InputStream in = getClass().getResourceAsStream("/seed/npflan-netbox-prefixes.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String fixture;
        try (InputStream in = getClass().getResourceAsStream("/inventory/seed-npflan.json")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(SeedInventoryConverter.convert(csv)).isEqualTo(fixture);
    }
}
