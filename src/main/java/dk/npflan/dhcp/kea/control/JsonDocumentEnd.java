package dk.npflan.dhcp.kea.control;

/**
 * Finds where one JSON value (an object or an array) ends in a byte stream that arrives in chunks,
 * without parsing it. Kea 2.2 closes the control connection after its answer, but the protocol only
 * promises one JSON answer; reading until the value is complete as well as until the close keeps
 * the client right for a daemon that leaves the connection open. Linear in the bytes seen, so a 5
 * MB answer in 80 chunks is scanned once, not re-parsed 80 times.
 */
final class JsonDocumentEnd {

    private int depth;
    private boolean started;
    private boolean inString;
    private boolean escaped;
    private boolean complete;

    /**
     * Feeds the next bytes.
     *
     * @return true once the first top-level object or array has been closed
     */
    boolean feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length && !complete; i++) {
            byte b = bytes[i];
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
                started = true;
            } else if ((b == '}' || b == ']') && started) {
                depth--;
                complete = depth == 0;
            }
        }
        return complete;
    }

    boolean complete() {
        return complete;
    }
}
