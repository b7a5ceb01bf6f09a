package dk.npflan.dhcp.probe;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A send-only Linux {@code AF_PACKET} socket, through JNA (Java 17 has no packet sockets). It
 * exists because only a frame sent out of the interface reaches dhcpd whatever the interface's
 * addressing: dhcpd receives through its own packet socket, which also sees outgoing frames.
 *
 * <p>{@code SOCK_DGRAM}: the kernel builds the Ethernet header from {@code sll_addr}. Protocol 0 on
 * purpose: a socket opened with {@code htons(ETH_P_IP)} would also <em>receive</em> every IPv4
 * packet on every interface until its queue fills. Needs CAP_NET_RAW ({@code EPERM} otherwise).
 */
final class PacketSocket implements Closeable {

    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int ETH_P_IP = 0x0800;
    static final int SOCKADDR_LL_LENGTH = 20;
    private static final int EPERM = 1;
    private static final int EACCES = 13;

    /** Whether a packet socket could be opened, and if not, why (for the fallback and output). */
    sealed interface Opening {
        record Opened(PacketSocket socket) implements Opening {}

        record Unavailable(String reason) implements Opening {}
    }

    /** The three libc calls; loaded on first use so a missing native library is an outcome. */
    private interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        NativeLong sendto(
                int fd,
                byte[] buffer,
                NativeLong length,
                int flags,
                byte[] address,
                int addressLength)
                throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final class Loaded {
        static final LibC LIBC = Native.load("c", LibC.class);

        private Loaded() {}
    }

    private final int fd;
    private boolean closed;

    private PacketSocket(int fd) {
        this.fd = fd;
    }

    static Opening open() {
        LibC libc;
        try {
            libc = Loaded.LIBC;
        } catch (LinkageError e) {
            return new Opening.Unavailable(
                    "JNA native library not loadable (" + e + "); see jna.boot.library.path");
        }
        try {
            return new Opening.Opened(new PacketSocket(libc.socket(AF_PACKET, SOCK_DGRAM, 0)));
        } catch (LastErrorException e) {
            String hint =
                    e.getErrorCode() == EPERM || e.getErrorCode() == EACCES
                            ? " (needs CAP_NET_RAW)"
                            : "";
            return new Opening.Unavailable("socket(AF_PACKET) failed: " + e.getMessage() + hint);
        }
    }

    /** Sends one IPv4 packet as a frame out of interface {@code ifindex} to {@code mac}. */
    void send(int ifindex, byte[] mac, byte[] ipv4Packet) throws IOException {
        byte[] address = address(ifindex, mac);
        try {
            Loaded.LIBC.sendto(
                    fd, ipv4Packet, new NativeLong(ipv4Packet.length), 0, address, address.length);
        } catch (LastErrorException e) {
            throw new IOException("sendto on AF_PACKET socket failed: " + e.getMessage(), e);
        }
    }

    /**
     * {@code struct sockaddr_ll} (20 bytes, no padding): family and ifindex in host order, but
     * {@code sll_protocol} in network order; in host order the frame would go out as 802.3 and
     * dhcpd would never answer.
     */
    static byte[] address(int ifindex, byte[] mac) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("need a 6-byte MAC, got " + mac.length);
        }
        ByteBuffer out = ByteBuffer.allocate(SOCKADDR_LL_LENGTH).order(ByteOrder.nativeOrder());
        out.putShort((short) AF_PACKET); // sll_family
        out.put((byte) (ETH_P_IP >>> 8)).put((byte) ETH_P_IP); // sll_protocol, network order
        out.putInt(ifindex); // sll_ifindex
        out.putShort((short) 0); // sll_hatype
        out.put((byte) 0); // sll_pkttype
        out.put((byte) mac.length); // sll_halen
        out.put(mac); // sll_addr[8]: the MAC and two zero bytes
        return out.array();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                Loaded.LIBC.close(fd);
            } catch (LastErrorException e) {
                // nothing was sent through it any more; the descriptor is gone either way
            }
        }
    }
}
