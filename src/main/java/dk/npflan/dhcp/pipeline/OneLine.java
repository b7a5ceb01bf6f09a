package dk.npflan.dhcp.pipeline;

/**
 * A reason or message cut to one line that fits a table cell: whitespace (newlines too) collapsed,
 * at most {@link #MAX} characters with an ellipsis. The whole text stays in the cell's {@code
 * title} and in {@code /status}.
 */
public final class OneLine {

    public static final int MAX = 120;

    private OneLine() {}

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX ? line : line.substring(0, MAX - 1) + "…";
    }
}
