package dk.npflan.dhcp.pipeline;

/**
 * A config hash as people compare it at a glance: its first {@link #CHARS} hex digits, as {@code
 * git} shortens commits. 64 digits in a table cell are read by nobody; the full hash stays on the
 * page (hover, copy) and in {@code /status}.
 */
public final class ShortHash {

    public static final int CHARS = 12;

    private ShortHash() {}

    /** The first 12 characters, {@code -} for no hash. */
    public static String of(String hash) {
        if (hash == null || hash.isBlank()) {
            return "-";
        }
        return hash.substring(0, Math.min(CHARS, hash.length()));
    }
}
