package dk.npflan.dhcp.probe;

import dk.npflan.dhcp.config.Ipv4Address;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The fallback in-namespace send path, for where no packet socket can be opened. dhcpd on Linux
 * only receives through packet sockets on its interfaces and also sees frames the host itself sends
 * out of them, so a UDP datagram to the interface's directed broadcast, port 67, reaches it without
 * us ever binding port 67. It needs an interface with a real broadcast address ({@link
 * SendPathChoice} decides that; 0.0.0.0 is never one). Replies come to the loopback reply socket
 * (see {@link PacketSocketTransport}). Two sockets: a socket bound to 127.0.0.1 cannot send out of
 * a non-loopback interface.
 */
final class UdpBroadcastTransport implements ProbeTransport {

    static final int CLIENT_PORT = 68;
    static final int SERVER_PORT = 67;

    private final DatagramSocket replies;
    private final DatagramSocket sender;
    private final InetSocketAddress target;

    /** Takes ownership of {@code replies} (closed with this transport). */
    UdpBroadcastTransport(DatagramSocket replies, Ipv4Address directedBroadcast)
            throws IOException {
        this.target = new InetSocketAddress(directedBroadcast.toInet(), SERVER_PORT);
        DatagramSocket out = new DatagramSocket(new InetSocketAddress(Ipv4Address.ANY.toInet(), 0));
        try {
            out.setBroadcast(true);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        this.replies = replies;
        this.sender = out;
    }

    @Override
    public void send(byte[] packet) throws IOException {
        sender.send(new DatagramPacket(packet, packet.length, target));
    }

    @Override
    public Optional<byte[]> receive(Duration wait) throws IOException {
        return DatagramReceive.next(replies, wait);
    }

    @Override
    public ProbePath path() {
        return ProbePath.UDP_BROADCAST;
    }

    @Override
    public String describe() {
        return "UDP to "
                + target.getAddress().getHostAddress()
                + ":67, reply on "
                + replies.getLocalSocketAddress();
    }

    @Override
    public void close() {
        sender.close();
        replies.close();
    }
}
