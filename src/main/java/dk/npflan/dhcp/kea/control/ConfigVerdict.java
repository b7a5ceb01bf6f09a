package dk.npflan.dhcp.kea.control;

/**
 * What Kea said about a config sent with {@code config-test} or {@code config-set}. A rejection is
 * an expected outcome (a bad render, a config Kea cannot commit), so it is a value, not an
 * exception; Kea's text names the problem and where it is ({@code <wire>:0:1531628} is the byte
 * offset in the request).
 */
public sealed interface ConfigVerdict {

    /** Kea's text, verbatim. */
    String text();

    default boolean accepted() {
        return this instanceof Accepted;
    }

    /** result 0. */
    record Accepted(String text) implements ConfigVerdict {}

    /** result 1, with Kea's reason. */
    record Rejected(String text) implements ConfigVerdict {}
}
