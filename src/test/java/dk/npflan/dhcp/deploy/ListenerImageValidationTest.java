package dk.npflan.dhcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.dhcpd.DhcpdBackend;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import dk.npflan.dhcp.dhcpd.DhcpdSyntaxChecker;
import dk.npflan.dhcp.netbox.InventoryFileSource;
import dk.npflan.dhcp.netbox.NetBoxSettings;
import dk.npflan.dhcp.pipeline.Candidate;
import dk.npflan.dhcp.pipeline.CandidateBuilder;
import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The listener's validation (the pipeline's {@link CandidateBuilder}: our checks, then {@code dhcpd
 * -t} for both roles) run with only the binaries the image contract says the listener image has:
 * each executable its packages ship is linked into a stand-in root, and the dhcpd setting points
 * into that root. Settings and inventory are the compose stack's (its listener environment, the
 * sample inventory it mounts), so this is the compose listener's first reconcile.
 */
@Tag("dhcpd")
class ListenerImageValidationTest {

    /** Not a {@code @TempDir}: JUnit warns for every symbolic link that leaves one. */
    private Path root;

    @BeforeEach
    void createRoot() throws IOException {
        root = Files.createTempDirectory("nbd-listener-image-");
    }

    @AfterEach
    void removeRoot() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void listenerImage_acceptsAValidCandidate_withTheRealDhcpdCheck() throws Exception {
        Candidate candidate =
                validateIn(ImageContract.of(Path.of("src/main/docker/Dockerfile.jvm")));

        assertThat(candidate).isInstanceOf(Candidate.Ready.class);
    }

    @Test
    void listenerImageBeforeIssue15_rejectsTheSameCandidate_dhcpdNotRun() throws Exception {
        Candidate candidate =
                validateIn(
                        ImageContract.of(
                                Path.of(
                                        "src/test/resources/docker/Dockerfile.jvm-before-issue-15")));

        assertThat(candidate).isInstanceOf(Candidate.Rejected.class);
        assertThat(((Candidate.Rejected) candidate).errors())
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.toString()).contains("cannot run"));
    }

    private Candidate validateIn(ImageContract image) throws Exception {
        for (String file : image.executables()) {
            Path link = root.resolve(file.substring(1));
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(file).toRealPath());
        }
        JsonNode listener =
                DockerComposeSchemaTest.composeFile().path("services").path("netbox-dhcpd");
        Map<String, String> environment = new HashMap<>();
        listener.path("environment")
                .fields()
                .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        String binary =
                CommandConfiguration.load(Map.of(), Map.of(), DhcpdProcessSettings.class)
                        .getConfigMapping(DhcpdProcessSettings.class)
                        .binary();
        SmallRyeConfig settings =
                CommandConfiguration.load(
                        environment,
                        Map.of(
                                "netbox-dhcpd.dhcpd.binary",
                                root.resolve(binary.substring(1)).toString()),
                        NetBoxSettings.class,
                        DhcpdSettings.class,
                        DhcpdProcessSettings.class);
        return new CandidateBuilder(
                        new InventoryFileSource(
                                DockerComposeSchemaTest.mountedInventory(
                                        DockerComposeSchemaTest.composeFile().path("services")),
                                new ObjectMapper()),
                        settings.getConfigMapping(NetBoxSettings.class),
                        settings.getConfigMapping(DhcpdSettings.class),
                        new DhcpdBackend(
                                DhcpdSyntaxChecker.from(
                                        settings.getConfigMapping(DhcpdSettings.class),
                                        settings.getConfigMapping(DhcpdProcessSettings.class))))
                .build();
    }
}
