package dk.npflan.dhcp.kea;

import dk.npflan.dhcp.config.PeerRole;

/**
 * The two HA modes of a two-server Kea pair. The mode decides the HA role name of the second server
 * ({@code standby} or {@code secondary}), so both live here and the renderer cannot pair a mode
 * with the other mode's role.
 */
public enum HaMode {
    HOT_STANDBY("hot-standby", "standby"),
    LOAD_BALANCING("load-balancing", "secondary");

    private final String keaName;
    private final String secondRole;

    HaMode(String keaName, String secondRole) {
        this.keaName = keaName;
        this.secondRole = secondRole;
    }

    /** The {@code mode} value in the HA config. */
    public String keaName() {
        return keaName;
    }

    /** The HA {@code role} of a peer in this mode. */
    public String role(PeerRole role) {
        return role == PeerRole.PRIMARY ? "primary" : secondRole;
    }
}
