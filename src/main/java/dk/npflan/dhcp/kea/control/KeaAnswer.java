package dk.npflan.dhcp.kea.control;

/**
 * One answer of a Kea daemon to one command: {@code {"result": …, "text": …, "arguments": …}}, with
 * the arguments bound to the command's own record type.
 *
 * @param result Kea's result code (see {@link KeaResult})
 * @param text Kea's explanation; absent in many successful answers (then empty)
 * @param arguments the bound {@code arguments}, or {@code null} if the answer has none
 * @param <T> the record the command's arguments are bound to
 */
public record KeaAnswer<T>(int result, String text, T arguments) {

    public KeaAnswer {
        text = text == null ? "" : text;
    }

    public KeaResult outcome() {
        return KeaResult.of(result);
    }

    public boolean succeeded() {
        return outcome() == KeaResult.SUCCESS;
    }
}
