package dk.npflan.dhcp;

import dk.npflan.dhcp.backend.BackendSettings;
import dk.npflan.dhcp.backend.ServerBackend;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.dhcpd.DhcpdBackend;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import dk.npflan.dhcp.dhcpd.DhcpdSyntaxChecker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Picks the {@link ServerBackend} that {@code netbox-dhcpd.backend} names. It lives in the root
 * package, the one place that may know every backend, so the pipeline depends on the interface
 * only.
 */
@ApplicationScoped
public class ServerBackendProducer {

    @Produces
    @Singleton
    ServerBackend backend(
            BackendSettings settings, DhcpdSettings dhcpd, DhcpdProcessSettings process) {
        return create(settings, dhcpd, process);
    }

    /** The backend the settings name; the {@code render} command builds it the same way. */
    public static ServerBackend create(
            BackendSettings settings, DhcpdSettings dhcpd, DhcpdProcessSettings process) {
        return switch (settings.kind()) {
            case DHCPD -> new DhcpdBackend(DhcpdSyntaxChecker.from(dhcpd, process));
            case KEA ->
                    throw new SettingsException(
                            "netbox-dhcpd.backend=kea: the Kea backend is not built into this version");
        };
    }
}
