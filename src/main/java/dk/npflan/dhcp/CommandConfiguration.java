package dk.npflan.dhcp;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

/**
 * Settings for the operator commands, which run as plain Java without booting Quarkus. It reads the
 * same sources the service reads (system properties, environment, {@code application.properties}
 * with its {@code ${NETBOX_URL:}}-style lines) into the same {@code @ConfigMapping} interfaces, so
 * a command and the service agree on every setting, including Quarkus-style durations such as
 * {@code 5s}.
 */
public final class CommandConfiguration {

    private static final int APPLICATION_PROPERTIES_ORDINAL = 250;
    private static final int OVERRIDES_ORDINAL = 500;

    private CommandConfiguration() {}

    /**
     * @param overrides properties that win over every other source (tests, command-line options)
     * @param mappings the {@code @ConfigMapping} interfaces the command reads
     */
    public static SmallRyeConfig load(Map<String, String> overrides, Class<?>... mappings) {
        SmallRyeConfigBuilder builder =
                new SmallRyeConfigBuilder()
                        .addDefaultSources()
                        .withProfile("prod")
                        .withValidateUnknown(false)
                        .withConverter(Duration.class, 200, new DurationConverter())
                        .withSources(
                                new PropertiesConfigSource(
                                        overrides, "command overrides", OVERRIDES_ORDINAL));
        URL properties =
                CommandConfiguration.class.getClassLoader().getResource("application.properties");
        if (properties != null) {
            try {
                builder.withSources(
                        new PropertiesConfigSource(properties, APPLICATION_PROPERTIES_ORDINAL));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + properties, e);
            }
        }
        for (Class<?> mapping : mappings) {
            builder.withMapping(mapping);
        }
        return builder.build();
    }
}
