package dk.npflan.dhcp;

import dk.npflan.dhcp.backend.BackendSettings;
import dk.npflan.dhcp.backend.ServerBackend;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.dhcpd.DhcpdBackend;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import dk.npflan.dhcp.dhcpd.DhcpdSyntaxChecker;
import dk.npflan.dhcp.kea.KeaBackend;
import dk.npflan.dhcp.kea.KeaSettings;
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
            BackendSettings settings,
            DhcpdSettings dhcpd,
            DhcpdProcessSettings process,
            KeaSettings kea) {
        return create(settings, dhcpd, process, kea);
    }

    /** The backend the settings name; the {@code render} command builds it the same way. */
    public static ServerBackend create(
            BackendSettings settings,
            DhcpdSettings dhcpd,
            DhcpdProcessSettings process,
            KeaSettings kea) {
        return switch (settings.kind()) {
            case DHCPD -> new DhcpdBackend(DhcpdSyntaxChecker.from(dhcpd, process));
            case KEA -> KeaBackend.from(kea);
        };
    }
}
