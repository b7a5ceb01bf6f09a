package dk.npflan.dhcp.command;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.SettingsException;
import io.smallrye.config.SmallRyeConfig;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command runs with: the environment its settings come from (the process environment, or a
 * controlled one in tests), setting overrides, and where it prints.
 */
public record CommandContext(
        Map<String, String> environment,
        Map<String, String> overrides,
        PrintWriter out,
        PrintWriter err) {

    public CommandContext {
        environment = Map.copyOf(environment);
        overrides = Map.copyOf(overrides);
    }

    /**
     * The settings of {@code mappings}, through the loader every command uses.
     *
     * @throws SettingsException naming the property and env var of a bad value
     */
    public SmallRyeConfig settings(Class<?>... mappings) {
        return CommandConfiguration.load(environment, overrides, mappings);
    }
}
