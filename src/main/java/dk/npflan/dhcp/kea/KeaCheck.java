package dk.npflan.dhcp.kea;

import dk.npflan.dhcp.config.PeerRole;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The {@code kea-dhcp4 -t} verdict for both roles' files; publishable only if both passed. */
public record KeaCheck(Map<PeerRole, KeaRoleCheck> roles) {

    public KeaCheck {
        roles = Collections.unmodifiableMap(new EnumMap<>(roles));
    }

    public boolean passed() {
        return roles.values().stream().allMatch(KeaRoleCheck::passed);
    }

    public KeaRoleCheck role(PeerRole role) {
        return roles.get(role);
    }
}
