package dk.npflan.dhcp.rollout;

import java.util.Optional;

/** How hashes appear in details and logs: the first 12 hex digits, enough to tell bundles apart. */
final class Hashes {

    private Hashes() {}

    static String brief(String hash) {
        return hash == null ? "none" : hash.length() <= 12 ? hash : hash.substring(0, 12);
    }

    static String brief(Optional<String> hash) {
        return hash.map(Hashes::brief).orElse("none");
    }
}
