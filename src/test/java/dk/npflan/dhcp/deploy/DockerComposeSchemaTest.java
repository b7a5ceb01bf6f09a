package dk.npflan.dhcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml is checked against the Compose Specification's JSON schema, as shipped by
 * Debian's docker-compose package ({@code .ci/run} installs it): no Docker engine runs here, so
 * this is what proves the file is one {@code docker compose} accepts. The other cases pin what the
 * stack needs to work beyond the schema: volumes the listener (uid 185) can write, images built
 * from this repo and tagged with the project version, and a client network that gets leases from
 * the pair through a relay.
 */
class DockerComposeSchemaTest {

    static final Path SCHEMA =
            Path.of("/usr/lib/python3/dist-packages/compose/config/compose_spec.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The services whose images this repository builds. */
    static final List<String> BUILT_HERE =
            List.of(
                    "netbox-dhcpd",
                    "dhcpd-primary",
                    "dhcpd-secondary",
                    "dhcp-relay",
                    "dhcp-client");

    @Test
    void composeFile_validatesAgainstTheComposeSpecification() throws Exception {
        JsonNode compose = composeFile();
        assertThat(errors(compose)).isEmpty();
        assertThat(compose.path("services").fieldNames())
                .toIterable()
                .contains("kafka", "volume-owner")
                .containsAll(BUILT_HERE);
    }

    @Test
    void composeFileWithAnUnknownServiceKey_isRejected() throws Exception {
        ObjectNode compose = (ObjectNode) composeFile();
        ((ObjectNode) compose.path("services").path("kafka")).put("imagee", "typo");
        assertThat(errors(compose)).anyMatch(m -> m.getMessage().contains("imagee"));
    }

    @Test
    void listenerVolumes_areOwnedByTheListenersUserBeforeItStarts() throws Exception {
        JsonNode services = composeFile().path("services");
        JsonNode listener = services.path("netbox-dhcpd");
        DockerfileImage image =
                DockerfileImage.read(Path.of(listener.path("build").path("dockerfile").asText()));
        String owner = image.user() + ":" + image.user();
        assertThat(listener.path("user").asText()).isEqualTo(owner);
        assertThat(listener.path("depends_on").path("volume-owner").path("condition").asText())
                .isEqualTo("service_completed_successfully");
        JsonNode init = services.path("volume-owner");
        List<String> chown = strings(init.path("command"));
        assertThat(chown.subList(0, 3)).containsExactly("chown", "-R", owner);

        Map<String, String> named = namedVolumes(listener);
        assertThat(named).as("the listener writes named volumes").isNotEmpty();
        assertThat(namedVolumes(init)).containsAllEntriesOf(named);
        named.values()
                .forEach(
                        path -> {
                            assertThat(chown).as("volume-owner chowns " + path).contains(path);
                            // a fresh volume takes the owner of the image's mount point, too
                            assertThat(image.runs())
                                    .as("Dockerfile.jvm creates " + path + " owned by " + owner)
                                    .anyMatch(
                                            r ->
                                                    r.contains("mkdir -p")
                                                            && r.contains(path)
                                                            && r.contains("chown -R " + owner));
                        });
    }

    @Test
    void servicesBuiltFromThisRepo_haveABuildSectionAndTheProjectVersionAsTag() throws Exception {
        String version = projectVersion();
        JsonNode services = composeFile().path("services");
        List<String> built = new ArrayList<>();
        services.fields()
                .forEachRemaining(
                        service -> {
                            JsonNode spec = service.getValue();
                            if (!spec.has("build")) {
                                return;
                            }
                            built.add(service.getKey());
                            assertThat(spec.path("build").path("context").asText()).isEqualTo(".");
                            assertThat(Path.of(spec.path("build").path("dockerfile").asText()))
                                    .as(service.getKey())
                                    .isRegularFile();
                            assertThat(spec.path("image").asText())
                                    .as(service.getKey())
                                    .endsWith(":" + version);
                        });
        assertThat(built).containsExactlyInAnyOrderElementsOf(BUILT_HERE);
    }

    @Test
    void clientNetwork_reachesThePairOnlyThroughTheRelay() throws Exception {
        JsonNode compose = composeFile();
        JsonNode services = compose.path("services");
        JsonNode relay = services.path("dhcp-relay").path("networks");
        JsonNode client = services.path("dhcp-client");
        assertThat(strings(client.path("networks"))).containsExactly("clients");
        for (String peer : List.of("dhcpd-primary", "dhcpd-secondary")) {
            assertThat(services.path(peer).path("networks").fieldNames())
                    .toIterable()
                    .containsExactly("dhcp");
        }
        String relayUp = relay.path("dhcp").path("ipv4_address").asText();
        String relayDown = relay.path("clients").path("ipv4_address").asText();
        String script = strings(services.path("dhcp-relay").path("command")).get(2);
        assertThat(script)
                .contains("show to " + relayUp)
                .contains("show to " + relayDown)
                .contains("-U \"$$up\"")
                .contains(address(services, "dhcpd-primary"))
                .contains(address(services, "dhcpd-secondary"));

        // giaddr (the relay's upstream address) lies in the server network dhcpd declares
        JsonNode env = services.path("netbox-dhcpd").path("environment");
        assertThat(
                        Ipv4Network.of(
                                        env.path("NETBOX_DHCPD_CONFIG_SERVER_NETWORK_NETWORK")
                                                .asText())
                                .contains(Ipv4Address.of(relayUp)))
                .isTrue();
        assertThat(env.path("NETBOX_DHCPD_CONFIG_FAILOVER_PRIMARY_ADDRESS").asText())
                .isEqualTo(address(services, "dhcpd-primary"));
        assertThat(env.path("NETBOX_DHCPD_CONFIG_FAILOVER_SECONDARY_ADDRESS").asText())
                .isEqualTo(address(services, "dhcpd-secondary"));

        // the client network is an inventory prefix with a pool that Docker never hands out
        JsonNode ipam = compose.path("networks").path("clients").path("ipam").path("config").get(0);
        Ipv4Network clients = Ipv4Network.of(ipam.path("subnet").asText());
        Ipv4Network dockerRange = Ipv4Network.of(ipam.path("ip_range").asText());
        Ipv4Address gateway = Ipv4Address.of(ipam.path("gateway").asText());
        assertThat(clients.contains(Ipv4Address.of(relayDown))).isTrue();
        assertThat(dockerRange.contains(Ipv4Address.of(relayDown))).isFalse();
        assertThat(gateway).isNotEqualTo(Ipv4Address.of(relayDown));
        JsonNode inventory = JSON.readTree(Files.readString(mountedInventory(services)));
        assertThat(inventory.path("prefixes"))
                .anySatisfy(
                        p -> assertThat(p.path("prefix").asText()).isEqualTo(clients.toString()));
        JsonNode pool = null;
        for (JsonNode range : inventory.path("ip_ranges")) {
            if (clients.contains(hostOf(range.path("start_address")))) {
                pool = range;
            }
        }
        assertThat(pool).as("an IP range in " + clients).isNotNull();
        Ipv4Address start = hostOf(pool.path("start_address"));
        Ipv4Address end = hostOf(pool.path("end_address"));
        assertThat(
                        dockerRange.broadcast().compareTo(start) < 0
                                || dockerRange.network().compareTo(end) > 0)
                .as("Docker's range " + dockerRange + " outside the pool " + start + "-" + end)
                .isTrue();
        assertThat(gateway.compareTo(start) < 0 || gateway.compareTo(end) > 0)
                .as("gateway " + gateway + " outside the pool")
                .isTrue();
    }

    @Test
    void everyBindMountSource_exists() throws Exception {
        composeFile()
                .path("services")
                .fields()
                .forEachRemaining(
                        service ->
                                service.getValue()
                                        .path("volumes")
                                        .forEach(
                                                v -> {
                                                    String source = v.asText().split(":")[0];
                                                    if (source.startsWith("./")) {
                                                        assertThat(Path.of(source))
                                                                .as(service.getKey())
                                                                .exists();
                                                    }
                                                }));
    }

    /** The pom's own version: what bin/build-images tags the images with. */
    static String projectVersion() throws Exception {
        Matcher version =
                Pattern.compile(
                                "<artifactId>netbox-dhcpd</artifactId>\\s*<version>([^<]+)</version>")
                        .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).isTrue();
        return version.group(1);
    }

    private static Map<String, String> namedVolumes(JsonNode service) {
        Map<String, String> named = new LinkedHashMap<>();
        service.path("volumes")
                .forEach(
                        v -> {
                            String[] parts = v.asText().split(":");
                            if (!parts[0].startsWith(".") && !parts[0].startsWith("/")) {
                                named.put(parts[0], parts[1]);
                            }
                        });
        return named;
    }

    private static String address(JsonNode services, String service) {
        return services.path(service).path("networks").path("dhcp").path("ipv4_address").asText();
    }

    /** The host file compose mounts at the listener's NETBOX_DHCPD_INVENTORY_FILE. */
    static Path mountedInventory(JsonNode services) {
        JsonNode listener = services.path("netbox-dhcpd");
        String inside = listener.path("environment").path("NETBOX_DHCPD_INVENTORY_FILE").asText();
        for (JsonNode v : listener.path("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts[1].equals(inside)) {
                return Path.of(parts[0]);
            }
        }
        throw new AssertionError("nothing mounted at " + inside);
    }

    private static Ipv4Address hostOf(JsonNode netboxAddress) {
        return Ipv4Address.of(netboxAddress.asText().split("/")[0]);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * Read as Compose reads it: SnakeYAML resolves the {@code <<} merge keys (Jackson does not).
     */
    static JsonNode composeFile() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("docker-compose.yml"))) {
            Object document = new Yaml().load(in);
            return JSON.valueToTree(document);
        }
    }

    private static Set<ValidationMessage> errors(JsonNode compose) throws Exception {
        try (InputStream schema = Files.newInputStream(SCHEMA)) {
            // the schema carries a draft-04 style "id" next to its 2019-09 $schema: annotation only
            JsonMetaSchema draft =
                    JsonMetaSchema.builder(JsonMetaSchema.getV201909())
                            .keyword(new NonValidationKeyword("id"))
                            .build();
            JsonSchema validator =
                    JsonSchemaFactory.getInstance(
                                    SpecVersion.VersionFlag.V201909,
                                    factory -> factory.metaSchema(draft))
                            .getSchema(schema);
            return validator.validate(compose);
        }
    }
}
