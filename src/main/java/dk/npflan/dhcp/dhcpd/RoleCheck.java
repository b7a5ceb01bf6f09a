package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.config.PeerRole;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code dhcpd -t} said about one role's variant of the config: the runner's {@link
 * ConfigCheck} (output with temp-dir paths mapped back to our file names) and the role it was for.
 */
public record RoleCheck(PeerRole role, ConfigCheck check) {

    public boolean isValid() {
        return check.passed();
    }

    public ConfigCheck.Verdict outcome() {
        return check.verdict();
    }

    public Optional<DhcpdError> error() {
        return check.error();
    }

    public List<String> warnings() {
        return check.warnings();
    }

    public String output() {
        return check.output();
    }

    public Duration elapsed() {
        return check.elapsed();
    }

    @Override
    public String toString() {
        return role.keyword() + ": " + check.verdict() + error().map(e -> " " + e).orElse("");
    }
}
