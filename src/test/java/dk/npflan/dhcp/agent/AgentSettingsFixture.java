package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.SettingsException;
import java.util.Map;

/** The agent's settings as the {@code agent} command loads them, from an empty environment. */
public final class AgentSettingsFixture {

    private AgentSettingsFixture() {}

    /**
     * Loads and checks {@code settings}.
     *
     * @throws IllegalArgumentException listing the problems, as {@link
     *     AgentLauncher.AgentConfig#from} does (a mapping error included)
     */
    public static AgentLauncher.AgentConfig load(Map<String, String> settings) {
        try {
            return AgentLauncher.AgentConfig.from(
                    CommandConfiguration.load(
                            Map.of(), settings, AgentLauncher.SETTINGS.toArray(Class<?>[]::new)));
        } catch (SettingsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
