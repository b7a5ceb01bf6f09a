package dk.npflan.dhcp.kea;

import java.util.regex.Pattern;

/**
 * Whether two rendered Kea files are the same text but for the value of one {@code
 * "this-server-name"} string, which is how the two roles' files of a bundle differ. Compared as
 * text (common prefix and suffix), never parsed: at 10,000 subnets each file is 6 MB.
 */
final class OnlyServerNameDiffers {

    /** The prefix ends inside the value of this-server-name, after its opening quote. */
    private static final Pattern INSIDE_NAME =
            Pattern.compile("\"this-server-name\"\\s*:\\s*\"[^\"\\\\]*$");

    /** The common suffix starts with the rest of the name and its closing quote. */
    private static final Pattern NAME_END = Pattern.compile("[^\"\\\\]*\"");

    /** How far back from the differing character the key and its opening quote may start. */
    private static final int LOOK_BACK = 200;

    private OnlyServerNameDiffers() {}

    static boolean of(String a, String b) {
        if (a == null || b == null || a.equals(b)) {
            return false;
        }
        int prefix = 0;
        int shorter = Math.min(a.length(), b.length());
        while (prefix < shorter && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < shorter - prefix
                && a.charAt(a.length() - 1 - suffix) == b.charAt(b.length() - 1 - suffix)) {
            suffix++;
        }
        String before = a.substring(Math.max(0, prefix - LOOK_BACK), prefix);
        return INSIDE_NAME.matcher(before).find()
                && plainName(a.substring(prefix, a.length() - suffix))
                && plainName(b.substring(prefix, b.length() - suffix))
                && NAME_END.matcher(a).region(a.length() - suffix, a.length()).lookingAt();
    }

    /** No quote or escape inside: the difference does not leave the string. */
    private static boolean plainName(String middle) {
        return middle.indexOf('"') < 0 && middle.indexOf('\\') < 0;
    }
}
