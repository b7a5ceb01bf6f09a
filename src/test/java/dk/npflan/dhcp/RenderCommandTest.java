package dk.npflan.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.netbox.FakeNetBox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render} end to end in-process: inventory file or {@link FakeNetBox} in, validated files
 * (real {@code dhcpd -t} for both roles) and the exit code out, including every way NetBox can
 * fail.
 */
@Tag("dhcpd")
class RenderCommandTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
    private static final String SEED = "/inventory/seed-npflan.json";

    @TempDir Path dir;

    private FakeNetBox fake;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private RenderOutcome render(Map<String, String> settings, String... args) {
        return new RenderCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        settings)
                .run(args);
    }

    private Map<String, String> netboxSettings(int pageSize) {
        Map<String, String> s = new HashMap<>();
        s.put("NETBOX_URL", fake.baseUrl().toString());
        s.put("NETBOX_TOKEN", TOKEN);
        s.put("netbox-dhcpd.netbox.page-size", String.valueOf(pageSize));
        s.put("netbox-dhcpd.netbox.retry.initial-backoff", "10ms");
        s.put("netbox-dhcpd.netbox.retry.max-backoff", "20ms");
        return s;
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(RenderCommandTest.class.getResource(name).toURI());
    }

    private String golden(String file) throws IOException, URISyntaxException {
        return Files.readString(resource("/golden/seed-npflan/" + file));
    }

    @Test
    void seedInventoryFile_valid199SubnetsAndGoldenFilesWritten() throws Exception {
        Path outDir = dir.resolve("out");

        RenderOutcome outcome =
                render(
                        Map.of(),
                        "--inventory",
                        resource(SEED).toString(),
                        "--out",
                        outDir.toString());

        assertThat(outcome).as(stderr()).isEqualTo(RenderOutcome.VALID);
        assertThat(stdout()).contains("199 NetBox subnets").contains("valid: ");
        assertThat(stderr()).isEmpty();
        for (String file :
                new String[] {"dhcpd.conf", "dhcpd.failover.primary", "dhcpd.failover.secondary"}) {
            assertThat(outDir.resolve(file)).hasContent(golden(file));
        }
        assertThat(stdout()).contains("sha256 " + golden("sha256").strip());
    }

    @Test
    void seedServedByFakeNetBox_fivePages_sameConfigAsFromFile() throws Exception {
        fake = FakeNetBox.fromResource(TOKEN, SEED);
        Path outDir = dir.resolve("out");

        RenderOutcome outcome = render(netboxSettings(45), "--netbox", "--out", outDir.toString());

        assertThat(outcome).as(stderr()).isEqualTo(RenderOutcome.VALID);
        assertThat(outDir.resolve("dhcpd.conf")).hasContent(golden("dhcpd.conf"));
        assertThat(fake.requests(FakeNetBox.PREFIXES)).hasSize(5);
        assertThat(fake.requests(FakeNetBox.TAGS)).hasSize(1);
    }

    /**
     * Renders from the seed in NetBox after {@code fault}; asserts exit 2 and no files; returns
     * stderr.
     */
    private String renderFailingNetBox(Consumer<FakeNetBox> fault) {
        fake = FakeNetBox.fromResource(TOKEN, SEED);
        fault.accept(fake);
        Path outDir = dir.resolve("out");

        assertThat(render(netboxSettings(45), "--netbox", "--out", outDir.toString()))
                .isEqualTo(RenderOutcome.FAILED);
        assertThat(outDir).doesNotExist();
        return stderr();
    }

    @Test
    void netBoxPage3Of5KeepsFailing_exit2NoFilesClearError() {
        String errors = renderFailingNetBox(f -> f.failPageAlways(FakeNetBox.PREFIXES, 3, 500));

        assertThat(errors)
                .contains("UNAVAILABLE")
                .contains("offset=90")
                .contains("HTTP 500")
                .contains("no snapshot");
    }

    @Test
    void netBox401_exit2ErrorNamesTokenProblemNotToken() {
        String errors = renderFailingNetBox(f -> f.expectToken("nbt_other.secret"));

        assertThat(errors).contains("UNAUTHORIZED").contains("NETBOX_TOKEN").doesNotContain(TOKEN);
        assertThat(stdout()).doesNotContain(TOKEN);
    }

    @Test
    void selectionTagMissing_exit2NotAnEverythingConfig() {
        String errors = renderFailingNetBox(f -> f.removeTag("dhcp"));

        assertThat(errors)
                .contains("SELECTION_FILTER_MISSING")
                .contains("tag 'dhcp' does not exist");
        assertThat(fake.requests(FakeNetBox.PREFIXES)).isEmpty();
    }

    @Test
    void netboxWithoutUrl_exit2NamesVariable() {
        RenderOutcome outcome =
                render(Map.of("NETBOX_TOKEN", TOKEN), "--netbox", "--out", dir.toString());

        assertThat(outcome).isEqualTo(RenderOutcome.FAILED);
        assertThat(stderr()).contains("NETBOX_URL");
    }

    @Test
    void mixedInventory_ipv6ReportedRangeBecomesPoolOthersNotSelected() throws Exception {
        Path outDir = dir.resolve("out");

        RenderOutcome outcome =
                render(
                        Map.of(),
                        "--inventory",
                        resource("/netbox/selection-inventory.json").toString(),
                        "--out",
                        outDir.toString());

        assertThat(outcome).as(stderr()).isEqualTo(RenderOutcome.VALID);
        assertThat(stdout())
                .contains("2 IPv4 prefixes selected")
                .contains("report: IPV6_SKIPPED")
                .contains("2001:db8:1::/64");
        String config = Files.readString(outDir.resolve("dhcpd.conf"));
        assertThat(config)
                .contains("subnet 10.1.1.0 netmask 255.255.255.0")
                .contains("range 10.1.1.100 10.1.1.199;")
                .contains("subnet 10.1.2.0 netmask 255.255.255.0")
                .doesNotContain("10.1.3.0")
                .doesNotContain("10.1.5.0");
    }

    @Test
    void overlappingSubnets_exit1ErrorNamesNetBoxObject() throws Exception {
        Path outDir = dir.resolve("out");

        RenderOutcome outcome =
                render(
                        Map.of(),
                        "--inventory",
                        resource("/netbox/overlapping-inventory.json").toString(),
                        "--out",
                        outDir.toString());

        assertThat(outcome).isEqualTo(RenderOutcome.INVALID);
        assertThat(stderr()).contains("ipam.prefix 108").contains("10.1.0.0/16");
        assertThat(stdout()).contains("INVALID, do not publish");
    }

    @Test
    void missingInventoryFile_exit2ClearMessage() {
        Path missing = dir.resolve("missing.json");

        RenderOutcome outcome =
                render(
                        Map.of(),
                        "--inventory",
                        missing.toString(),
                        "--out",
                        dir.resolve("o").toString());

        assertThat(outcome).isEqualTo(RenderOutcome.FAILED);
        assertThat(stderr()).contains("inventory file not found: " + missing);
    }

    @Test
    void badJsonInventory_exit2ClearMessage() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"prefixes\": [ {\"id\": 1, ");

        RenderOutcome outcome =
                render(
                        Map.of(),
                        "--inventory",
                        bad.toString(),
                        "--out",
                        dir.resolve("o").toString());

        assertThat(outcome).isEqualTo(RenderOutcome.FAILED);
        assertThat(stderr()).contains("FILE_INVALID").contains("not valid inventory JSON");
    }

    @Test
    void usageErrors_exit2WithUsage() {
        assertThat(render(Map.of())).isEqualTo(RenderOutcome.FAILED);
        assertThat(render(Map.of(), "--netbox", "--inventory", "x.json", "--out", "d"))
                .isEqualTo(RenderOutcome.FAILED);
        assertThat(render(Map.of(), "--inventory", "x.json")).isEqualTo(RenderOutcome.FAILED);
        assertThat(render(Map.of(), "--netbox", "--out")).isEqualTo(RenderOutcome.FAILED);
        assertThat(render(Map.of(), "--bogus", "--out", "d")).isEqualTo(RenderOutcome.FAILED);
        assertThat(stderr()).contains(RenderCommand.USAGE);
    }
}
