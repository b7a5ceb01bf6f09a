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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml is checked against the Compose Specification's JSON schema, as shipped by
 * Debian's docker-compose package ({@code .ci/run} installs it): no Docker engine runs here, so
 * this is what proves the file is one {@code docker compose} accepts.
 */
class DockerComposeSchemaTest {

    static final Path SCHEMA =
            Path.of("/usr/lib/python3/dist-packages/compose/config/compose_spec.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void composeFile_validatesAgainstTheComposeSpecification() throws Exception {
        JsonNode compose = composeFile();
        assertThat(errors(compose)).isEmpty();
        assertThat(compose.path("services").fieldNames())
                .toIterable()
                .contains("kafka", "netbox-dhcpd", "dhcpd-primary", "dhcpd-secondary");
    }

    @Test
    void composeFileWithAnUnknownServiceKey_isRejected() throws Exception {
        ObjectNode compose = (ObjectNode) composeFile();
        ((ObjectNode) compose.path("services").path("kafka")).put("imagee", "typo");
        assertThat(errors(compose)).anyMatch(m -> m.getMessage().contains("imagee"));
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
