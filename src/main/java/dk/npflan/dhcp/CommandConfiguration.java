package dk.npflan.dhcp;

import dk.npflan.dhcp.settings.EnvVars;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings for the operator commands, which run as plain Java without booting Quarkus. It reads the
 * same sources the service reads (system properties, environment, {@code application.properties}
 * with its {@code ${NETBOX_URL:}}-style lines) into the same {@code @ConfigMapping} interfaces, so
 * a command and the service agree on every setting, including Quarkus-style durations such as
 * {@code 5s} and sizes such as {@code 256K}.
 *
 * <p>Every value is converted and checked here, once, when the settings are loaded: a bad value
 * fails the load with a {@link SettingsException} whose one-line message names the property and its
 * environment variable, instead of surfacing later as a stack trace from whatever used it.
 */
public final class CommandConfiguration {

    private static final int APPLICATION_PROPERTIES_ORDINAL = 250;
    private static final int ENVIRONMENT_ORDINAL = 300;
    private static final int OVERRIDES_ORDINAL = 500;
    private static final Pattern PROPERTY = Pattern.compile("netbox-dhcpd(\\.[a-z0-9-]+)+");
    private static final Pattern SMALLRYE_CODE = Pattern.compile("SRCFG\\d+: ");
    private static final Pattern EXCEPTION_NAME = Pattern.compile("([a-z]\\w*\\.)+\\w*Exception: ");
    private static final Pattern CONVERSION =
            Pattern.compile(
                    "The config property \\S+ with the config value (\".*?\") threw an Exception"
                            + " whilst being converted\\s*(.*)",
                    Pattern.DOTALL);

    private CommandConfiguration() {}

    /**
     * Loads from this process's environment.
     *
     * @param overrides properties that win over every other source (tests, command-line options)
     * @param mappings the {@code @ConfigMapping} interfaces the command reads
     * @throws SettingsException when a value does not convert or is out of range
     */
    public static SmallRyeConfig load(Map<String, String> overrides, Class<?>... mappings) {
        return load(System.getenv(), overrides, mappings);
    }

    /**
     * Loads with {@code environment} in place of this process's environment, so that a test's
     * result does not depend on what happens to be exported (a {@code NETBOX_URL} in the shell).
     */
    public static SmallRyeConfig load(
            Map<String, String> environment, Map<String, String> overrides, Class<?>... mappings) {
        SmallRyeConfigBuilder builder =
                new SmallRyeConfigBuilder()
                        .withSources(
                                new SysPropConfigSource(),
                                new EnvConfigSource(environment, ENVIRONMENT_ORDINAL))
                        .withProfile("prod")
                        .withValidateUnknown(false)
                        .withConverter(Duration.class, 200, new DurationConverter())
                        .withConverter(MemorySize.class, 200, new MemorySizeConverter())
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
        try {
            return builder.build();
        } catch (ConfigValidationException e) {
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < e.getProblemCount(); i++) {
                problems.add(describe(e.getProblem(i).getMessage()));
            }
            throw new SettingsException(String.join("; ", problems));
        } catch (IllegalArgumentException | NoSuchElementException e) {
            throw new SettingsException(describe(String.valueOf(e.getMessage())));
        }
    }

    /**
     * The environment variable SmallRye reads for {@code property}: upper case, every character
     * other than a letter or digit replaced by {@code _}.
     */
    public static String envVar(String property) {
        return EnvVars.of(property);
    }

    /** "netbox-dhcpd.omapi.port (NETBOX_DHCPD_OMAPI_PORT): …" from a SmallRye problem text. */
    static String describe(String message) {
        String text = SMALLRYE_CODE.matcher(message).replaceAll("");
        text = EXCEPTION_NAME.matcher(text).replaceAll("").replace('\n', ' ').strip();
        Matcher property = PROPERTY.matcher(text);
        if (!property.find()) {
            return text;
        }
        String name = property.group();
        Matcher conversion = CONVERSION.matcher(text);
        if (conversion.find()) {
            text = "value " + conversion.group(1) + " is invalid: " + conversion.group(2);
        }
        return name + " (" + envVar(name) + "): " + text;
    }
}
