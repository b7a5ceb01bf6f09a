package dk.npflan.dhcp.backend;

import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.ServerModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one DHCP server implementation brings to the listener: how the model becomes a bundle of
 * that server's files, how the real server checks a bundle for each role, and how a published
 * bundle is read back into its subnets for a diff. The pipeline speaks only of this interface, so a
 * new server (Kea beside ISC dhcpd) is a new implementation in its own package; docs/backends.md
 * shows the seam.
 */
public interface ServerBackend {

    /** The value of {@code netbox-dhcpd.backend} that picks this backend, e.g. {@code dhcpd}. */
    String name();

    /** The real server's check as errors and logs name it, e.g. {@code dhcpd -t}. */
    String checkName();

    /** The files of this backend's bundles, in hash order. */
    List<String> fileNames();

    /** Renders the model into this server's files; deterministic, no I/O. */
    RenderedConfig render(ServerModel model);

    /**
     * Runs the real server's offline check on each role's variant of {@code bundle}; {@code model}
     * is what it was rendered from, so an error can name the NetBox object it points at.
     */
    BundleCheck check(RenderedConfig bundle, ServerModel model);

    /**
     * The subnets a bundle declares, as prefix ({@code a.b.c.d/len}) → the text that defines it (a
     * subnet counts as changed when that text differs), read from the bundle alone because after a
     * restart the published bundle is all there is.
     */
    Map<String, String> subnets(RenderedConfig bundle);

    /**
     * The host reservations a bundle declares, as {@code nbd-ip-<NetBox IP address id>} → the text
     * that defines it (address, MAC, host name), read from the bundle alone like {@link #subnets};
     * a reservation never makes its subnet count as changed.
     */
    Map<String, String> reservations(RenderedConfig bundle);

    /**
     * How long the roller's gates must hold on every poll for this backend's peers, in place of
     * {@code netbox-dhcpd.rollout.gate-stable-for}; empty: that setting (dhcpd). A backend whose
     * agent answers an apply only once the pair is back in its normal state, with no readiness
     * cached from before it, needs no hold on top.
     */
    default Optional<Duration> gateStableFor() {
        return Optional.empty();
    }
}
