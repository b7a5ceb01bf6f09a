package dk.npflan.dhcp.probe;

import java.io.IOException;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.Optional;

/**
 * The in-namespace send path that works whatever the interface's addressing (/24 with or without
 * {@code brd}, a CNI's /32): each request goes out of the interface as an IPv4/UDP frame to port 67
 * through a {@link PacketSocket}, where dhcpd's own packet socket sees it. The frame is addressed
 * to the interface itself (its MAC and IPv4 address; dhcpd ignores both), so a bridge does not
 * flood it to the partner. Because the request carries giaddr 127.0.0.1, dhcpd sends its reply to
 * 127.0.0.1:68, where the reply socket listens (root or CAP_NET_BIND_SERVICE needed).
 */
final class PacketSocketTransport implements ProbeTransport {

    private static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};

    private final DatagramSocket replies;
    private final PacketSocket socket;
    private final InterfaceFacts facts;
    private final byte[] destinationMac;

    /** Takes ownership of both sockets (closed with this transport). */
    PacketSocketTransport(DatagramSocket replies, PacketSocket socket, InterfaceFacts facts) {
        this.replies = replies;
        this.socket = socket;
        this.facts = facts;
        byte[] own = facts.hardwareAddress();
        this.destinationMac = own.length == 6 ? own : BROADCAST_MAC;
    }

    @Override
    public void send(byte[] packet) throws IOException {
        socket.send(
                facts.index(),
                destinationMac,
                Ipv4UdpPacket.encode(
                        facts.address(),
                        facts.address(),
                        UdpBroadcastTransport.CLIENT_PORT,
                        UdpBroadcastTransport.SERVER_PORT,
                        packet));
    }

    @Override
    public Optional<byte[]> receive(Duration wait) throws IOException {
        return DatagramReceive.next(replies, wait);
    }

    @Override
    public ProbePath path() {
        return ProbePath.AF_PACKET;
    }

    @Override
    public String describe() {
        return "AF_PACKET frame out of "
                + facts.name()
                + " to "
                + facts.address()
                + ":67, reply on "
                + replies.getLocalSocketAddress();
    }

    @Override
    public void close() {
        socket.close();
        replies.close();
    }
}
