package dk.npflan.dhcp.probe;

import dk.npflan.dhcp.config.Ipv4Address;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The from-outside send path: we act as a DHCP relay agent at {@code giaddr} and unicast the
 * request to the server's port 67, as a real relay would. dhcpd answers a relayed request to
 * giaddr:67, so this transport binds port 67 on giaddr; it therefore cannot run where a dhcpd
 * already owns port 67. Used to measure DHCP service as clients behind a relay see it (the rollout
 * proof).
 */
public final class RelayTransport implements ProbeTransport {

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    public RelayTransport(Ipv4Address giaddr, Ipv4Address server) throws IOException {
        this.server = new InetSocketAddress(server.toInet(), UdpBroadcastTransport.SERVER_PORT);
        this.socket =
                new DatagramSocket(
                        new InetSocketAddress(giaddr.toInet(), UdpBroadcastTransport.SERVER_PORT));
    }

    @Override
    public void send(byte[] packet) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, server));
    }

    @Override
    public Optional<byte[]> receive(Duration wait) throws IOException {
        return DatagramReceive.next(socket, wait);
    }

    @Override
    public ProbePath path() {
        return ProbePath.RELAY;
    }

    @Override
    public String describe() {
        return "relay "
                + socket.getLocalAddress().getHostAddress()
                + ":67 -> "
                + server.getAddress().getHostAddress()
                + ":67";
    }

    @Override
    public void close() {
        socket.close();
    }
}
