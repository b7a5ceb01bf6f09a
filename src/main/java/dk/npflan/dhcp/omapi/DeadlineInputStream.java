package dk.npflan.dhcp.omapi;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket input stream that enforces one deadline across many reads: before each read the socket
 * timeout is set to the time left, and once the deadline has passed every read fails. A plain
 * {@code SO_TIMEOUT} restarts on every byte, so a server that trickles bytes could hold us forever.
 */
final class DeadlineInputStream extends InputStream {

    private final Socket socket;
    private final InputStream in;
    private long deadlineNanos;

    DeadlineInputStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.deadlineNanos = System.nanoTime();
    }

    /** Starts a new deadline {@code nanos} from now. */
    void deadlineIn(long nanos) {
        deadlineNanos = System.nanoTime() + nanos;
    }

    private void armTimeout() throws IOException {
        long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
    }

    @Override
    public int read() throws IOException {
        armTimeout();
        return in.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        armTimeout();
        return in.read(buffer, offset, length);
    }
}
