package dk.npflan.dhcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import dk.npflan.dhcp.kea.KeaSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every image ships every binary its command runs ({@link ImageContract}): the listener's {@code
 * dhcpd -t}, the agent's dhcpd, Kea's daemons and hook libraries for the Kea backend, the lab's
 * relay, client and {@code ip}. Before issue 15 the listener image had no dhcpd, so every
 * candidate's check was "not run" and every reconcile was rejected; the last cases pin that this
 * contract sees such an image.
 */
class ImageContractTest {

    private static final Path DOCKER = Path.of("src/main/docker");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Dockerfile.jvm",
                "Dockerfile.native",
                "Dockerfile.dhcpd",
                "Dockerfile.kea",
                "Dockerfile.lab"
            })
    void everyImage_shipsEveryBinaryItsOwnCommandRuns(String file) {
        ImageContract contract = ImageContract.of(DOCKER.resolve(file));

        assertThat(contract.required()).isNotEmpty();
        assertThat(contract.missing(contract.required())).as(file).isEmpty();
    }

    @Test
    void listenerAndAgent_runTheDhcpdBinaryOfTheSettings_whichTheirImagesShip() {
        String binary =
                CommandConfiguration.load(Map.of(), Map.of(), DhcpdProcessSettings.class)
                        .getConfigMapping(DhcpdProcessSettings.class)
                        .binary();

        assertThat(ImageContract.appBinaries("serve")).containsExactly(binary);
        assertThat(ImageContract.appBinaries("agent")).containsExactly(binary);
        for (String file : List.of("Dockerfile.jvm", "Dockerfile.native", "Dockerfile.dhcpd")) {
            ImageContract contract = ImageContract.of(DOCKER.resolve(file));
            assertThat(contract.required()).as(file).contains(binary);
            assertThat(contract.resolve(binary)).as(file).contains(binary);
        }
    }

    @Test
    void everyComposeServiceBuiltHere_shipsEveryBinaryItsCommandRuns() throws Exception {
        JsonNode services = DockerComposeSchemaTest.composeFile().path("services");
        List<String> checked = new ArrayList<>();
        services.fields()
                .forEachRemaining(
                        service -> {
                            JsonNode spec = service.getValue();
                            ImageContract contract = contractOf(spec);
                            if (contract == null) {
                                return; // kafka: Apache's image, not ours
                            }
                            Set<String> required =
                                    spec.has("command")
                                            ? contract.required(command(spec.path("command")))
                                            : contract.required();
                            assertThat(contract.missing(required))
                                    .as(service.getKey() + " runs " + required)
                                    .isEmpty();
                            checked.add(service.getKey());
                        });
        assertThat(checked)
                .contains("volume-owner")
                .containsAll(DockerComposeSchemaTest.BUILT_HERE);
    }

    @Test
    void relayAndClientScripts_runIpDhcrelayAndDhclient() throws Exception {
        JsonNode services = DockerComposeSchemaTest.composeFile().path("services");
        ImageContract lab = ImageContract.of(DOCKER.resolve("Dockerfile.lab"));

        assertThat(lab.required(command(services.path("dhcp-relay").path("command"))))
                .contains("sh", "ip", "cut", "dhcrelay");
        assertThat(lab.required(command(services.path("dhcp-client").path("command"))))
                .contains("sh", "dhclient", "ip", "sleep");
    }

    @Test
    void listenerImageBeforeIssue15_lacksTheDhcpdItsValidationRuns() {
        ImageContract before =
                ImageContract.of(
                        Path.of("src/test/resources/docker/Dockerfile.jvm-before-issue-15"));

        assertThat(before.missing(before.required())).contains("/usr/sbin/dhcpd");
    }

    @Test
    void dhcpdImageWithoutIscDhcpServer_lacksDhcpd() {
        DockerfileImage image = DockerfileImage.read(DOCKER.resolve("Dockerfile.dhcpd"));
        List<String> packages = new ArrayList<>(image.packages());
        packages.remove("isc-dhcp-server");
        ImageContract without = new ImageContract(image.withPackages(packages));

        assertThat(without.missing(without.required())).containsExactly("/usr/sbin/dhcpd");
    }

    @Test
    void keaImage_agentRunsKeaDhcp4CtrlAgentLfcAndTheRenderedHooks_whichItShips() {
        KeaSettings kea = keaDefaults();
        ImageContract contract = ImageContract.of(DOCKER.resolve("Dockerfile.kea"));

        assertThat(contract.image().env()).containsEntry("NETBOX_DHCPD_BACKEND", "kea");
        assertThat(ImageContract.keaHookLibraries(kea))
                .isNotEmpty()
                .allSatisfy(hook -> assertThat(hook).startsWith(kea.hooksDir() + "/"))
                .anySatisfy(hook -> assertThat(hook).endsWith("/libdhcp_ha.so"));
        assertThat(contract.required())
                .contains(kea.binary(), kea.controlAgent().binary(), "/usr/sbin/kea-lfc")
                .containsAll(ImageContract.keaHookLibraries(kea));
        assertThat(contract.missing(contract.required())).isEmpty();
    }

    @Test
    void keaImageWithoutKeaCommon_lacksTheHookLibrariesAndKeaLfc() {
        DockerfileImage image = DockerfileImage.read(DOCKER.resolve("Dockerfile.kea"));
        List<String> packages = new ArrayList<>(image.packages());
        packages.remove("kea-common");
        ImageContract without = new ImageContract(image.withPackages(packages));

        assertThat(without.missing(without.required()))
                .containsExactlyInAnyOrderElementsOf(
                        concat(ImageContract.keaHookLibraries(keaDefaults()), "/usr/sbin/kea-lfc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
    void listenerImages_withTheKeaBackend_shipTheKeaDhcp4TheirCheckRuns(String file) {
        ImageContract contract = ImageContract.of(DOCKER.resolve(file));
        Set<String> required =
                contract.required(List.of("serve"), Map.of("NETBOX_DHCPD_BACKEND", "kea"));

        assertThat(required).contains(keaDefaults().binary());
        assertThat(contract.missing(required)).isEmpty();
    }

    @Test
    void dhcpdImageToldToRunKea_lacksKeaDhcp4() {
        ImageContract dhcpd = ImageContract.of(DOCKER.resolve("Dockerfile.dhcpd"));

        assertThat(
                        dhcpd.missing(
                                dhcpd.required(
                                        List.of("agent"), Map.of("NETBOX_DHCPD_BACKEND", "kea"))))
                .contains(keaDefaults().binary(), keaDefaults().controlAgent().binary());
    }

    @Test
    void aBackendNobodyMapped_failsTheContract() {
        assertThatThrownBy(() -> ImageContract.appBinaries("agent", "dnsmasq"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("dnsmasq");
    }

    @Test
    void aCommandNobodyMapped_failsTheContract() {
        assertThatThrownBy(() -> ImageContract.appBinaries("frobnicate"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("frobnicate");
    }

    @Test
    void shellScript_commandWordsAreTheFirstWordOfEachSimpleCommand() {
        assertThat(
                        ImageContract.scriptCommands(
                                "up=$(ip -o addr show to 10.0.0.1 | cut -d' ' -f2); exec dhcrelay"
                                        + " -id \"$up\" 10.0.0.2 && sleep 1"))
                .containsExactly("ip", "cut", "dhcrelay", "sleep");
    }

    private static KeaSettings keaDefaults() {
        return CommandConfiguration.load(Map.of(), Map.of(), KeaSettings.class)
                .getConfigMapping(KeaSettings.class);
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }

    /** The contract of the image a compose service runs; null for images built elsewhere. */
    private static ImageContract contractOf(JsonNode spec) {
        if (spec.has("build")) {
            return ImageContract.of(Path.of(spec.path("build").path("dockerfile").asText()));
        }
        String image = spec.path("image").asText();
        if (image.startsWith("debian:")) {
            return new ImageContract(DockerfileImage.stock(image));
        }
        return null;
    }

    /** A service's command, with Compose's {@code $$} unescaped. */
    private static List<String> command(JsonNode command) {
        List<String> line = new ArrayList<>();
        command.forEach(word -> line.add(word.asText().replace("$$", "$")));
        return line;
    }
}
