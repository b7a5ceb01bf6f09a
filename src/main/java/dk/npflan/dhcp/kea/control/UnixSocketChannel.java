package dk.npflan.dhcp.kea.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.kea.control.KeaUnreachableException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

/**
 * kea-dhcp4's unix control socket. One request per connection, as Kea expects: Kea 2.2 reads until
 * the request is a complete JSON object, answers, and closes; a second request on the same
 * connection is ignored, and a partial one is dropped after Kea's own 10 s with a result-1 answer.
 * The answer is read until the daemon closes or the JSON value is complete, whichever comes first,
 * under one deadline for the whole exchange (a blocking channel has no read timeout, hence the
 * selector).
 */
public final class UnixSocketChannel implements KeaChannel {

    private static final int CHUNK = 64 * 1024;

    private final Path socket;
    private final ObjectMapper json;

    public UnixSocketChannel(Path socket, ObjectMapper json) {
        this.socket = socket;
        this.json = json;
    }

    @Override
    public String target() {
        return "unix:" + socket;
    }

    @Override
    public JsonNode exchange(String command, ObjectNode request, Duration timeout)
            throws KeaControlException {
        byte[] body;
        try {
            body = json.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new KeaMalformedAnswerException(command, "request not serialisable", e);
        }
        byte[] answer = roundTrip(command, body, timeout);
        try {
            JsonNode node = json.readTree(answer);
            if (node == null || !node.isObject()) {
                throw new KeaMalformedAnswerException(
                        command, "answer is not a JSON object: " + preview(answer), null);
            }
            return node;
        } catch (IOException e) {
            throw new KeaMalformedAnswerException(
                    command, "answer is not JSON: " + preview(answer), e);
        }
    }

    private byte[] roundTrip(String command, byte[] body, Duration timeout)
            throws KeaUnreachableException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            throw new KeaUnreachableException(
                    command, Reason.SOCKET_ABSENT, "no control socket at " + socket, null);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            connect(command, channel);
            channel.configureBlocking(false);
            SelectionKey key =
                    channel.register(selector, SelectionKey.OP_WRITE | SelectionKey.OP_READ);
            return transfer(command, channel, selector, key, ByteBuffer.wrap(body), deadline);
        } catch (IOException e) {
            throw new KeaUnreachableException(
                    command, Reason.IO_ERROR, socket + ": " + e.getMessage(), e);
        }
    }

    private void connect(String command, SocketChannel channel) throws KeaUnreachableException {
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (ConnectException e) {
            throw new KeaUnreachableException(
                    command,
                    Reason.REFUSED,
                    socket + " exists but nobody accepts on it (" + e.getMessage() + ")",
                    e);
        } catch (IOException e) {
            throw new KeaUnreachableException(
                    command, Reason.IO_ERROR, socket + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the request and reads the answer at the same time: Kea may answer (an error) and close
     * before it has read a large request, and that answer is what the caller needs.
     */
    private byte[] transfer(
            String command,
            SocketChannel channel,
            Selector selector,
            SelectionKey key,
            ByteBuffer out,
            long deadline)
            throws IOException, KeaUnreachableException {
        ByteArrayOutputStream in = new ByteArrayOutputStream(CHUNK);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        JsonDocumentEnd end = new JsonDocumentEnd();
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new KeaUnreachableException(
                        command,
                        Reason.TIMED_OUT,
                        "no complete answer from "
                                + socket
                                + " in time ("
                                + in.size()
                                + " bytes read, "
                                + out.remaining()
                                + " bytes of the request unsent)",
                        null);
            }
            if (selector.select(Math.max(1, remaining / 1_000_000)) == 0) {
                continue;
            }
            if (key.isWritable() && out.hasRemaining()) {
                try {
                    channel.write(out);
                } catch (IOException e) {
                    out.position(out.limit()); // the daemon stopped reading; its answer may follow
                }
                if (!out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
            if (key.isReadable()) {
                int read = channel.read(buffer);
                if (read < 0) {
                    break;
                }
                in.write(buffer.array(), 0, read);
                boolean complete = end.feed(buffer.array(), 0, read);
                buffer.clear();
                if (complete) {
                    break;
                }
            }
            selector.selectedKeys().clear();
        }
        if (!end.complete()) {
            throw new KeaUnreachableException(
                    command,
                    Reason.CLOSED_EARLY,
                    socket + " closed the connection after " + in.size() + " bytes of an answer",
                    null);
        }
        return in.toByteArray();
    }

    private static String preview(byte[] answer) {
        String text = new String(answer, 0, Math.min(answer.length, 200), StandardCharsets.UTF_8);
        return answer.length > 200 ? text + "…" : text;
    }
}
