package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.omapi.FailoverState;
import java.util.Optional;

/** Small reads on a {@link FailoverPairLab} shared by the pair tests. */
final class FailoverPairTestSupport {

    private FailoverPairTestSupport() {}

    /** The peer's own failover state over OMAPI, empty while it does not answer. */
    static Optional<FailoverState> local(FailoverPairLab lab, FailoverPairLab.Role role) {
        return lab.omapiIfUp(role).map(s -> s.local().state());
    }
}
