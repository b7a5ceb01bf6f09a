package dk.npflan.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is the settings reference users read; this keeps it true. Every
 * {@code @ConfigMapping} interface of the app is found on the class path, its properties (nested
 * groups included) are named the way SmallRye names them, and each must appear exactly once in the
 * doc's tables, with its env var and its {@code @WithDefault}. The doc and the README must not name
 * a setting that does not exist.
 */
class ConfigurationReferenceTest {

    private static final Pattern PROPERTY_CELL = Pattern.compile("`([a-z][a-z0-9.\"-]*)`");
    private static final Pattern CODE_CELL = Pattern.compile("`([^`]*)`");
    private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

    /** Every mapped property, by full name. */
    private static Map<String, Property> mapped;

    private static Properties applicationProperties;

    /** One row of a {@code | Property | Env var | Default | Meaning |} table. */
    record Row(String file, int line, String property, String envVar, String defaultValue) {}

    @BeforeAll
    static void readMappings() throws Exception {
        mapped = new TreeMap<>();
        for (Class<?> mapping : mappingClasses()) {
            ConfigMappings.ConfigClass configClass =
                    new ConfigMappings.ConfigClass(
                            mapping, mapping.getAnnotation(ConfigMapping.class).prefix());
            ConfigMappings.getProperties(configClass)
                    .forEach(
                            (name, property) -> {
                                if (!name.contains("[*]")) {
                                    mapped.put(name, property);
                                }
                            });
        }
        applicationProperties = new Properties();
        applicationProperties.load(
                new StringReader(
                        Files.readString(Path.of("src/main/resources/application.properties"))));
    }

    @Test
    void mappingsFound_includingNestedGroups() {
        assertThat(mapped)
                .containsKeys(
                        "netbox-dhcpd.webhook.secret",
                        "netbox-dhcpd.netbox.retry.max-attempts",
                        "netbox-dhcpd.config.failover.primary.peer-address",
                        "netbox-dhcpd.omapi.timeouts.exchange",
                        "netbox-dhcpd.dhcpd.interface",
                        "netbox-dhcpd.broker.port");
    }

    @Test
    void everySetting_isInTheReferenceOnce_withItsEnvVarAndDefault() throws IOException {
        List<Row> rows = rows(Path.of("docs/configuration.md"));

        for (String name : mapped.keySet()) {
            List<Row> found = rows.stream().filter(r -> r.property().equals(name)).toList();
            assertThat(found).as("rows for " + name + " in docs/configuration.md").hasSize(1);
            assertRowTrue(found.get(0));
        }
    }

    @Test
    void reference_namesNothingThatDoesNotExist() throws IOException {
        rows(Path.of("docs/configuration.md")).forEach(ConfigurationReferenceTest::assertRowTrue);
    }

    @Test
    void readmeSettingsTable_namesOnlyRealSettings_withTheirDefaults() throws IOException {
        List<Row> rows = rows(Path.of("README.md"));

        assertThat(rows).as("README settings table").isNotEmpty();
        rows.forEach(ConfigurationReferenceTest::assertRowTrue);
    }

    @Test
    void everyDurationDefault_isIso8601() {
        mapped.forEach(
                (name, property) -> {
                    if (property.hasDefaultValue()
                            && property.getMethod().getReturnType() == Duration.class) {
                        try {
                            Duration.parse(property.getDefaultValue());
                        } catch (DateTimeParseException e) {
                            throw new AssertionError(
                                    name
                                            + " defaults to "
                                            + property.getDefaultValue()
                                            + ": write durations as ISO-8601 (PT5S)");
                        }
                    }
                });
    }

    /** A row must name a real setting, its env var, and (for mapped ones) its real default. */
    /**
     * The environment variables the manifests and the compose file set must be settings that exist
     * (or the few the JVM and Kubernetes themselves read), so an install never carries a setting
     * that silently does nothing.
     */
    @Test
    void deployAndCompose_setOnlyRealSettings() throws IOException {
        Set<String> known = new TreeSet<>(Set.of("JAVA_TOOL_OPTIONS", "POD_NAME", "POD_NAMESPACE"));
        mapped.keySet().forEach(name -> known.add(CommandConfiguration.envVar(name)));
        applicationProperties
                .stringPropertyNames()
                .forEach(
                        name -> {
                            known.add(CommandConfiguration.envVar(name));
                            String shortName = shortEnvVar(name);
                            if (!shortName.isEmpty()) {
                                known.add(shortName);
                            }
                        });
        Pattern envName = Pattern.compile("^\\s*-?\\s*(?:name:\\s*)?([A-Z][A-Z0-9_]{3,})[:=]");
        List<Path> files = new ArrayList<>(List.of(Path.of("docker-compose.yml")));
        try (var walk = Files.walk(Path.of("deploy"))) {
            walk.filter(f -> f.toString().endsWith(".yaml")).forEach(files::add);
        }
        List<String> unknown = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int n = 0; n < lines.size(); n++) {
                Matcher m = envName.matcher(lines.get(n));
                if (m.find() && isAppSetting(m.group(1)) && !known.contains(m.group(1))) {
                    unknown.add(file + ":" + (n + 1) + " " + m.group(1));
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    /** Our settings and the framework's; not a compose service's own variables (KAFKA_NODE_ID). */
    private static boolean isAppSetting(String name) {
        return name.startsWith("NETBOX_")
                || name.startsWith("QUARKUS_")
                || name.equals("KAFKA_BOOTSTRAP_SERVERS")
                || name.startsWith("MP_MESSAGING_");
    }

    private static void assertRowTrue(Row row) {
        String where = row.file() + ":" + row.line() + " " + row.property();
        Property property = mapped.get(row.property());
        if (property == null) {
            assertThat(row.property())
                    .as(where + ": not a @ConfigMapping property")
                    .doesNotStartWith("netbox-dhcpd.");
            assertThat(
                            applicationProperties.containsKey(row.property())
                                    || row.property().startsWith("quarkus.")
                                    || isKafkaClientProperty(row.property()))
                    .as(where + ": neither in application.properties nor a Quarkus setting")
                    .isTrue();
            return;
        }
        assertThat(row.envVar())
                .as(where + ": env var")
                .isIn(CommandConfiguration.envVar(row.property()), shortEnvVar(row.property()));
        if (property.hasDefaultValue()) {
            assertThat(row.defaultValue())
                    .as(where + ": default (@WithDefault)")
                    .isEqualTo("`" + property.getDefaultValue() + "`");
        } else {
            assertThat(row.defaultValue()).as(where + ": has no default").startsWith("–");
        }
    }

    /**
     * {@code kafka.<p>} that the Quarkus Kafka extension hands to every client: {@code <p>} is
     * Kafka's.
     */
    private static boolean isKafkaClientProperty(String property) {
        String client = property.startsWith("kafka.") ? property.substring("kafka.".length()) : "";
        return ProducerConfig.configNames().contains(client)
                || ConsumerConfig.configNames().contains(client);
    }

    /** {@code NETBOX_URL} for {@code netbox-dhcpd.netbox.url=${NETBOX_URL:}}, else "". */
    private static String shortEnvVar(String property) {
        String value = applicationProperties.getProperty(property, "");
        Matcher m = Pattern.compile("^\\$\\{([A-Z0-9_]+):").matcher(value);
        return m.find() ? m.group(1) : "";
    }

    private static List<Row> rows(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        boolean inTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("| Property | Env var | Default |")) {
                inTable = true;
                continue;
            }
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            if (!inTable || line.startsWith("|---")) {
                continue;
            }
            String[] cells = CELL_SEPARATOR.split(line.substring(1));
            Matcher property = PROPERTY_CELL.matcher(cells[0].strip());
            if (!property.matches()) {
                continue; // a row for an env var only, such as "–"
            }
            Matcher env = CODE_CELL.matcher(cells[1].strip());
            rows.add(
                    new Row(
                            file.toString(),
                            i + 1,
                            property.group(1),
                            env.find() ? env.group(1) : cells[1].strip(),
                            cells[2].strip()));
        }
        return rows;
    }

    /** Every {@code @ConfigMapping} interface among the app's compiled classes. */
    private static List<Class<?>> mappingClasses() throws Exception {
        Path classes =
                Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> mappings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String relative = classes.relativize(file).toString();
                if (!relative.endsWith(".class") || relative.contains("$")) {
                    continue;
                }
                String name = relative.substring(0, relative.length() - 6).replace('/', '.');
                Class<?> type = Class.forName(name, false, Main.class.getClassLoader());
                if (type.isAnnotationPresent(ConfigMapping.class)) {
                    mappings.add(type);
                }
            }
        }
        assertThat(mappings).as("@ConfigMapping interfaces in " + classes).hasSizeGreaterThan(3);
        return mappings;
    }
}
