package dk.npflan.dhcp.config;

/**
 * Turns untrusted NetBox text into something that can only ever be the rest of one {@code #}
 * comment line: a whitelist of printable ASCII (no quotes, braces, semicolons, backslashes or line
 * breaks), everything else replaced, and a length cap. Also used to quote untrusted text in
 * messages.
 */
public final class CommentSanitizer {

    /** Longest sanitized text, so that a 10 KB description cannot bloat the config. */
    public static final int MAX_LENGTH = 80;

    private CommentSanitizer() {}

    public static String sanitize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 3);
        int i = 0;
        while (i < text.length() && out.length() < MAX_LENGTH) {
            int c = text.codePointAt(i);
            out.append(allowed(c) ? (char) c : '?');
            i += Character.charCount(c);
        }
        if (i < text.length()) {
            out.append("...");
        }
        return out.toString().strip();
    }

    private static boolean allowed(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || " .,:/_()@+=-&*!?%<>[]|~^$".indexOf(c) >= 0;
    }
}
