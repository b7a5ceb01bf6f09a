package dk.npflan.dhcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/build-images}, the one command that builds the images, run against stand-ins for
 * {@code ./mvnw} and {@code docker} (no engine runs here) that record how they were called: it
 * packages first, then builds each image with the project version as tag, under the names
 * docker-compose.yml runs.
 */
class BuildImagesScriptTest {

    @TempDir Path repo;

    @Test
    void buildImages_packagesThenBuildsEveryImageTaggedWithTheProjectVersion() throws Exception {
        Path calls = repo.resolve("calls");
        Files.createDirectories(repo.resolve("bin"));
        Files.copy(
                Path.of("bin/build-images"),
                repo.resolve("bin/build-images"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Path.of("pom.xml"), repo.resolve("pom.xml"));
        Path stubs = Files.createDirectories(repo.resolve("stubs"));
        stub(repo.resolve("mvnw"), "mvnw", calls);
        stub(stubs.resolve("docker"), "docker", calls);

        Map<String, String> env = new HashMap<>();
        env.put("PATH", stubs + ":" + System.getenv("PATH"));
        ProcessBuilder builder =
                new ProcessBuilder(repo.resolve("bin/build-images").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(repo.resolve("out").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process script = builder.start();
        assertThat(script.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(script.exitValue()).as(Files.readString(repo.resolve("out"))).isZero();
        String version = DockerComposeSchemaTest.projectVersion();
        JsonNode services = DockerComposeSchemaTest.composeFile().path("services");
        assertThat(Files.readAllLines(calls))
                .containsExactly(
                        "mvnw -B -q package -DskipTests",
                        "docker build -f src/main/docker/Dockerfile.jvm -t "
                                + services.path("netbox-dhcpd").path("image").asText()
                                + " .",
                        "docker build -f src/main/docker/Dockerfile.dhcpd -t "
                                + services.path("dhcpd-primary").path("image").asText()
                                + " .",
                        // no compose service runs the Kea image: the name deploy/components/kea
                        // pulls
                        "docker build -f src/main/docker/Dockerfile.kea -t "
                                + keaImage()
                                + ":"
                                + version
                                + " .");
        assertThat(services.path("netbox-dhcpd").path("image").asText())
                .isEqualTo("ghcr.io/npflan/netbox-dhcpd:" + version);
    }

    /** The Kea peer image's name (without tag) as deploy/components/kea sets it. */
    private static String keaImage() throws Exception {
        String component = Files.readString(Path.of("deploy/components/kea/kustomization.yaml"));
        Matcher name =
                Pattern.compile("- name: netbox-dhcpd-kea\\s+newName: (\\S+)").matcher(component);
        assertThat(name.find()).as("newName of netbox-dhcpd-kea").isTrue();
        return name.group(1);
    }

    /** An executable that appends its name and arguments to {@code calls}. */
    private static void stub(Path file, String name, Path calls) throws Exception {
        Files.writeString(file, "#!/bin/sh\necho \"" + name + " $*\" >> " + calls + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
