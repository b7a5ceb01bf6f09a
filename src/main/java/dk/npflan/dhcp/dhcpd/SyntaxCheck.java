package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.config.PeerRole;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@code dhcpd -t} verdict for both role variants; a config is publishable only if both are
 * valid.
 */
public record SyntaxCheck(Map<PeerRole, RoleCheck> roles) {

    public SyntaxCheck {
        roles = Collections.unmodifiableMap(new EnumMap<>(roles));
    }

    public boolean isValid() {
        return roles.values().stream().allMatch(RoleCheck::isValid);
    }

    public RoleCheck role(PeerRole role) {
        return roles.get(role);
    }
}
