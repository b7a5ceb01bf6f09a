package dk.npflan.dhcp.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** One receive with a bounded wait, shared by every transport. */
final class DatagramReceive {

    private DatagramReceive() {}

    static Optional<byte[]> next(DatagramSocket socket, Duration wait) throws IOException {
        long millis = Math.max(1, wait.toMillis());
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millis));
        byte[] buffer = new byte[1500];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOf(buffer, packet.getLength()));
    }
}
