package dk.npflan.dhcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The image contract for what the rendered Deployments really start: each container's image (the
 * Dockerfile that builds it), its {@code args} and its environment, which picks the backend. An
 * image that ships every binary of its own default command can still lack one its pod asks for: a
 * listener told {@code NETBOX_DHCPD_BACKEND=kea} runs {@code kea-dhcp4 -t} on every candidate, and
 * without it in the image every reconcile would be rejected.
 */
@Tag("slow")
class PodImageContractTest {

    /** Image name (as deploy/ names it, without registry and tag) → the Dockerfile building it. */
    private static final Map<String, Path> DOCKERFILES =
            Map.of(
                    "netbox-dhcpd", Path.of("src/main/docker/Dockerfile.jvm"),
                    "netbox-dhcpd-dhcpd", Path.of("src/main/docker/Dockerfile.dhcpd"),
                    "netbox-dhcpd-kea", Path.of("src/main/docker/Dockerfile.kea"));

    static Stream<String> renders() throws Exception {
        return Stream.concat(RenderedManifests.overlays().stream(), Stream.of("npflan + kea"));
    }

    @ParameterizedTest
    @MethodSource("renders")
    void everyContainer_imageShipsEveryBinaryItsArgsAndEnvironmentRun(String name)
            throws Exception {
        RenderedManifests render =
                name.contains(" + ")
                        ? KeaManifestsTest.seedWithKea()
                        : RenderedManifests.render(name);
        List<Deployment> deployments = render.all(Deployment.class);
        assertThat(deployments).hasSize(3);
        for (Deployment deployment : deployments) {
            for (Container container :
                    deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String where = name + " " + deployment.getMetadata().getName();
                String image = container.getImage();
                Path dockerfile =
                        DOCKERFILES.get(
                                image.substring(
                                        image.lastIndexOf('/') + 1, image.lastIndexOf(':')));
                assertThat(dockerfile).as(where + " builds " + image).isNotNull();
                ImageContract contract = ImageContract.of(dockerfile);
                List<String> args =
                        container.getArgs() == null || container.getArgs().isEmpty()
                                ? contract.image().cmd()
                                : container.getArgs();
                Set<String> required =
                        contract.required(args, PodSpecs.environment(render, container));

                assertThat(required).as(where).isNotEmpty();
                assertThat(contract.missing(required)).as(where + " runs " + required).isEmpty();
            }
        }
    }
}
