package dk.npflan.dhcp.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The in-namespace send path. dhcpd on Linux only receives through packet sockets on its interfaces
 * and also sees frames the host itself sends out of them, so a UDP datagram to the interface's
 * directed broadcast, port 67, reaches it without us ever binding port 67. Because the request
 * carries giaddr 127.0.0.1, dhcpd sends its reply to 127.0.0.1:68, where this transport listens
 * (root or CAP_NET_BIND_SERVICE needed). Sending and receiving use two sockets: a socket bound to
 * 127.0.0.1 cannot send out of a non-loopback interface.
 */
public final class LoopbackRelayTransport implements ProbeTransport {

    static final int CLIENT_PORT = 68;
    static final int SERVER_PORT = 67;

    private final DatagramSocket receiver;
    private final DatagramSocket sender;
    private final InetSocketAddress target;

    public LoopbackRelayTransport(Inet4Address directedBroadcast) throws IOException {
        this.target = new InetSocketAddress(directedBroadcast, SERVER_PORT);
        // No SO_REUSEADDR: a second probe in the same namespace must fail fast (SOCKET_ERROR)
        // instead of
        // sharing the port and stealing the other probe's replies.
        DatagramSocket in =
                new DatagramSocket(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), CLIENT_PORT));
        try {
            DatagramSocket out = new DatagramSocket(new InetSocketAddress(Ipv4.any(), 0));
            out.setBroadcast(true);
            this.receiver = in;
            this.sender = out;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public void send(byte[] packet) throws IOException {
        sender.send(new DatagramPacket(packet, packet.length, target));
    }

    @Override
    public Optional<byte[]> receive(Duration wait) throws IOException {
        return DatagramReceive.next(receiver, wait);
    }

    @Override
    public String describe() {
        return "UDP to " + target.getAddress().getHostAddress() + ":67, reply on 127.0.0.1:68";
    }

    @Override
    public void close() {
        sender.close();
        receiver.close();
    }

    /** One receive with a bounded wait, shared by both transports. */
    static final class DatagramReceive {
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
}
