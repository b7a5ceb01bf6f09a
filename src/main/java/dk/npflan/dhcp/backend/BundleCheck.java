package dk.npflan.dhcp.backend;

import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.PeerRole;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the real server's offline check said about each role's variant of a bundle; a bundle is
 * publishable only when every role passed. Server-neutral: the backend maps its own checker's
 * answer onto it.
 */
public record BundleCheck(Map<PeerRole, Role> roles) {

    public BundleCheck {
        roles = Collections.unmodifiableMap(new EnumMap<>(roles));
    }

    public boolean isValid() {
        return roles.values().stream().allMatch(Role::passed);
    }

    public Role role(PeerRole role) {
        return roles.get(role);
    }

    /**
     * One role's check.
     *
     * @param ran whether the server's check ran to a verdict at all; {@code false} when it could
     *     not be started (binary missing, temp dir not writable), so a failure is not the config's
     * @param outcome the checker's own word for how it ended (e.g. {@code VALID}, {@code INVALID},
     *     {@code TIMED_OUT}), shown as is
     */
    public record Role(
            PeerRole role,
            boolean passed,
            boolean ran,
            String outcome,
            Duration elapsed,
            Optional<Error> error,
            List<String> warnings) {

        public Role {
            warnings = List.copyOf(warnings);
        }

        /** {@code primary: FAILED dhcpd.conf line 3: message}, for logs and the CLI. */
        @Override
        public String toString() {
            return role.keyword() + ": " + outcome + error.map(e -> " " + e).orElse("");
        }
    }

    /**
     * The first error the server reported, with the bundle file and line it named and, when the
     * line falls in a subnet, the NetBox object that subnet came from.
     */
    public record Error(
            Optional<String> file,
            OptionalInt line,
            String message,
            Optional<NetBoxObject> object) {

        /** {@code file line N: message}, as the server prints it. */
        @Override
        public String toString() {
            return file.map(f -> f + (line.isPresent() ? " line " + line.getAsInt() : "") + ": ")
                            .orElse("")
                    + message;
        }
    }
}
