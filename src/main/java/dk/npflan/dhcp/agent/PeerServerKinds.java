package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.backend.BackendSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The one factory of the agent's server: the built-in dhcpd kind and every kind registered as a
 * {@link PeerServerKind} service, looked up by {@code netbox-dhcpd.backend}.
 */
final class PeerServerKinds {

    private PeerServerKinds() {}

    static List<PeerServerKind> all() {
        List<PeerServerKind> kinds = new ArrayList<>();
        kinds.add(new DhcpdServerKind());
        ServiceLoader.load(PeerServerKind.class, PeerServerKind.class.getClassLoader())
                .forEach(kinds::add);
        return kinds;
    }

    /**
     * The kind for {@code backend}.
     *
     * @throws IllegalArgumentException when none is on the class path
     */
    static PeerServerKind of(BackendSettings.Kind backend) {
        return all().stream()
                .filter(k -> k.backend() == backend)
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "netbox-dhcpd.backend="
                                                + backend.name().toLowerCase(java.util.Locale.ROOT)
                                                + ": this build has no agent for that server"));
    }

    /** {@code base} plus every kind's own settings, each once. */
    static List<Class<?>> settings(List<Class<?>> base) {
        Set<Class<?>> all = new LinkedHashSet<>(base);
        all().forEach(k -> all.addAll(k.settings()));
        return List.copyOf(all);
    }
}
