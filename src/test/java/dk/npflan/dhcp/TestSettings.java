package dk.npflan.dhcp;

import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import dk.npflan.dhcp.dhcpd.DhcpdSyntaxChecker;
import java.util.Map;

/**
 * Settings for tests, read by the commands' loader ({@link CommandConfiguration}) from the same
 * sources as the service, with overrides winning. Test-only so that the area packages never depend
 * on the root package that loads them.
 */
public final class TestSettings {

    private TestSettings() {}

    /** The rendering settings with all defaults (plus environment and application.properties). */
    public static DhcpdSettings dhcpd() {
        return dhcpd(Map.of());
    }

    public static DhcpdSettings dhcpd(Map<String, String> overrides) {
        return CommandConfiguration.load(overrides, DhcpdSettings.class)
                .getConfigMapping(DhcpdSettings.class);
    }

    /** The dhcpd process settings (binary, {@code dhcpd -t} timeout, …). */
    public static DhcpdProcessSettings process(Map<String, String> overrides) {
        return CommandConfiguration.load(overrides, DhcpdProcessSettings.class)
                .getConfigMapping(DhcpdProcessSettings.class);
    }

    /** The validation checker as the service builds it, with the default dhcpd settings. */
    public static DhcpdSyntaxChecker syntaxChecker(DhcpdSettings settings) {
        return DhcpdSyntaxChecker.from(settings, process(Map.of()));
    }
}
