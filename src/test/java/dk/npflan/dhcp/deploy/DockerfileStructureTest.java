package dk.npflan.dhcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No container engine runs on these machines, so the Dockerfiles are checked for what a linter
 * (hadolint) and a reviewer would check: pinned bases, no downloads at build time, exec-form entry
 * points, the user each image promises, and ports that match the manifests.
 */
class DockerfileStructureTest {

    private static final Path DOCKER = Path.of("src/main/docker");
    private static final Pattern PINNED =
            Pattern.compile("^FROM\\s+\\S+:[\\w.\\-]+(\\s+AS\\s+\\w+)?$");

    static List<String> instructions(String file) {
        return DockerfileImage.instructions(DOCKER.resolve(file));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"Dockerfile.jvm", "Dockerfile.native", "Dockerfile.dhcpd", "Dockerfile.kea"})
    void everyImage_pinnedBaseNoDownloadsExecFormEntrypoint(String file) {
        List<String> instructions = instructions(file);
        assertThat(instructions.stream().filter(i -> i.startsWith("FROM")))
                .isNotEmpty()
                .allMatch(i -> PINNED.matcher(i).matches(), "pinned tag, never latest")
                .noneMatch(i -> i.contains(":latest"));
        assertThat(instructions)
                .noneMatch(i -> i.startsWith("ADD"))
                .noneMatch(i -> i.contains("curl ") || i.contains("wget "));
        assertThat(instructions.stream().filter(i -> i.startsWith("ENTRYPOINT")))
                .singleElement()
                .satisfies(e -> assertThat(e).startsWith("ENTRYPOINT ["));
        instructions.stream()
                .filter(i -> i.contains("apt-get install"))
                .forEach(
                        i ->
                                assertThat(i)
                                        .contains("--no-install-recommends")
                                        .contains("rm -rf /var/lib/apt/lists/*"));
    }

    @Test
    void listenerImages_runAsNonRootAndExposeTheHttpPort() {
        for (String file : List.of("Dockerfile.jvm", "Dockerfile.native")) {
            List<String> instructions = instructions(file);
            // 185: the uid deploy/base/listener runs it as and docker-compose.yml gives its volumes
            assertThat(DockerfileImage.read(DOCKER.resolve(file)).user()).as(file).isEqualTo("185");
            assertThat(instructions).as(file).contains("EXPOSE 8080");
        }
    }

    @Test
    void dhcpdImage_agentIsTheMainProcessUnderTiniWithShippedJnaLibrary() {
        List<String> instructions = instructions("Dockerfile.dhcpd");
        assertThat(instructions).anyMatch(i -> i.contains("isc-dhcp-server") && i.contains("tini"));
        assertThat(instructions).contains("CMD [\"agent\"]");
        assertThat(instructions)
                .anyMatch(i -> i.startsWith("ENTRYPOINT [\"/usr/bin/tini\", \"--\""));
        assertThat(instructions).contains("EXPOSE 67/udp 647/tcp 8067/tcp");
        assertThat(instructions)
                .anyMatch(
                        i ->
                                i.startsWith("ENV JAVA_TOOL_OPTIONS")
                                        && i.contains("-Djna.boot.library.path=/opt/jna")
                                        && i.contains("-Djna.nounpack=true"));
    }

    @Test
    void keaImage_agentIsTheMainProcessUnderTini_onTheKeaBackend_withShippedJnaLibrary() {
        List<String> instructions = instructions("Dockerfile.kea");
        DockerfileImage image = DockerfileImage.read(DOCKER.resolve("Dockerfile.kea"));
        assertThat(image.packages())
                .contains("kea-dhcp4-server", "kea-ctrl-agent", "kea-common", "tini")
                .doesNotContain("isc-dhcp-server");
        assertThat(image.cmd()).containsExactly("agent");
        assertThat(image.entrypoint()).startsWith("/usr/bin/tini", "--");
        assertThat(image.env())
                .containsEntry("NETBOX_DHCPD_BACKEND", "kea")
                .hasEntrySatisfying(
                        "JAVA_TOOL_OPTIONS",
                        v ->
                                assertThat(v)
                                        .contains("-Djna.boot.library.path=/opt/jna")
                                        .contains("-Djna.nounpack=true"));
        // DHCP, kea-ctrl-agent (the partner's HA hook), the agent; no dhcpd failover port
        assertThat(instructions).contains("EXPOSE 67/udp 8000/tcp 8067/tcp");
    }
}
