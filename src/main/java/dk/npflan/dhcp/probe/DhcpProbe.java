package dk.npflan.dhcp.probe;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one DHCP exchange against a dhcpd and reports whether it handed out a lease. This is the
 * readiness signal the seed never had: "the server answers DHCP now", measured by really obtaining
 * a lease from a dedicated probe subnet. {@link #local} is the in-namespace probe (through a packet
 * socket, see {@link PacketSocketTransport}, or the UDP fallback chosen by {@link SendPathChoice});
 * {@link #relay} probes a server from outside as a relay agent.
 */
public final class DhcpProbe {

    private static final Ipv4Address LOOPBACK = Ipv4Address.of("127.0.0.1");

    /** Where dhcpd sends its replies to a request with giaddr 127.0.0.1. */
    static final InetSocketAddress REPLY_ADDRESS =
            new InetSocketAddress(LOOPBACK.toInet(), UdpBroadcastTransport.CLIENT_PORT);

    private DhcpProbe() {}

    /**
     * Probes the dhcpd in this network namespace through {@code interfaceName}: the server is
     * expected to answer with its address on that interface as server identifier.
     */
    public static ProbeOutcome local(
            String interfaceName, Ipv4Network probeSubnet, Duration timeout) {
        return local(interfaceName, probeSubnet, timeout, Optional.empty());
    }

    /**
     * As {@link #local(String, Ipv4Network, Duration)}, for a dhcpd configured with a {@code
     * server-identifier} (e.g. its Service IP): that address, when given, is the one expected in
     * option 54 instead of the interface's.
     */
    public static ProbeOutcome local(
            String interfaceName,
            Ipv4Network probeSubnet,
            Duration timeout,
            Optional<Ipv4Address> serverIdentifier) {
        return local(
                interfaceName,
                probeSubnet,
                timeout,
                serverIdentifier,
                REPLY_ADDRESS,
                PacketSocket::open);
    }

    /**
     * {@link #local(String, Ipv4Network, Duration, Optional)} with its two environmental facts
     * given: where replies are received and how a packet socket is opened (tests make each fail on
     * purpose).
     */
    static ProbeOutcome local(
            String interfaceName,
            Ipv4Network probeSubnet,
            Duration timeout,
            Optional<Ipv4Address> serverIdentifier,
            InetSocketAddress replyAddress,
            Supplier<PacketSocket.Opening> packetSockets) {
        long start = System.nanoTime();
        Optional<InterfaceFacts> found = InterfaceFacts.read(interfaceName);
        if (found.isEmpty()) {
            return noInterface(interfaceName, start);
        }
        InterfaceFacts facts = found.get();
        DatagramSocket replies;
        try {
            // No SO_REUSEADDR: a second probe in the same namespace must fail fast (SOCKET_ERROR)
            // instead of sharing the port and stealing the other probe's replies.
            replies = new DatagramSocket(replyAddress);
        } catch (IOException e) {
            return notReady(
                    ProbeFailure.SOCKET_ERROR,
                    "cannot receive replies on "
                            + replyAddress.getAddress().getHostAddress()
                            + ":"
                            + replyAddress.getPort()
                            + ": "
                            + e.getMessage(),
                    Optional.empty(),
                    start);
        }
        PacketSocket.Opening opening = packetSockets.get();
        SendPathChoice.Choice choice =
                SendPathChoice.choose(
                        facts,
                        opening instanceof PacketSocket.Opening.Unavailable unavailable
                                ? Optional.of(unavailable.reason())
                                : Optional.empty());
        ProbeParameters parameters =
                new ProbeParameters(
                        ProbeParameters.macFor(facts.address()),
                        LOOPBACK,
                        probeSubnet,
                        serverIdentifier.orElse(facts.address()),
                        ProbeParameters.DEFAULT_SECS,
                        timeout);
        if (choice instanceof SendPathChoice.Choice.None none) {
            replies.close();
            return notReady(ProbeFailure.NO_SEND_PATH, none.reason(), Optional.empty(), start);
        }
        ProbeTransport transport;
        if (opening instanceof PacketSocket.Opening.Opened opened) {
            transport = new PacketSocketTransport(replies, opened.socket(), facts);
        } else {
            SendPathChoice.Choice.UdpBroadcast fallback =
                    (SendPathChoice.Choice.UdpBroadcast) choice;
            try {
                transport = new UdpBroadcastTransport(replies, fallback.broadcast());
            } catch (IOException e) {
                replies.close();
                return notReady(
                        ProbeFailure.SOCKET_ERROR,
                        e.toString(),
                        Optional.of(ProbePath.UDP_BROADCAST),
                        start);
            }
        }
        try (transport) {
            // timeout and latency count from the first send: opening the sockets (JNA's first
            // load, 85-150 ms) is this process's time, not dhcpd's
            return exchange(transport, parameters, System.nanoTime());
        } catch (IOException e) {
            return notReady(
                    ProbeFailure.SOCKET_ERROR,
                    transport.describe() + ": " + e.getMessage(),
                    Optional.of(transport.path()),
                    start);
        }
    }

    /**
     * Probes the dhcpd at {@code server} from outside, acting as a relay agent at {@code giaddr}.
     */
    public static ProbeOutcome relay(
            Ipv4Address giaddr, Ipv4Address server, Ipv4Network probeSubnet, Duration timeout) {
        return relay(giaddr, server, server, probeSubnet, timeout, ProbeParameters.macFor(server));
    }

    /**
     * Probes a server in this network namespace that takes requests on UDP sockets only (Kea with
     * {@code dhcp-socket-type: udp}, the way a server behind relays runs): a frame sent out of the
     * interface never reaches such a socket, so the request goes as a relay agent at 127.0.0.1 by
     * unicast to the server's address on {@code interfaceName}, and the answer comes back to
     * 127.0.0.1:67 by the routing table. Binds 127.0.0.1:67, which Kea leaves free (it opens no
     * socket on a loopback interface it was not told to by name).
     */
    public static ProbeOutcome relayedLocally(
            String interfaceName,
            Ipv4Network probeSubnet,
            Duration timeout,
            Optional<Ipv4Address> serverIdentifier) {
        return relayedLocally(
                interfaceName, probeSubnet, timeout, serverIdentifier, ProbeParameters::macFor);
    }

    /**
     * As {@link #relayedLocally(String, Ipv4Network, Duration, Optional)}, the client's MAC made
     * from the server's address by {@code clientMac} (a load-balancing Kea peer answers only the
     * MACs that hash to it).
     */
    public static ProbeOutcome relayedLocally(
            String interfaceName,
            Ipv4Network probeSubnet,
            Duration timeout,
            Optional<Ipv4Address> serverIdentifier,
            Function<Ipv4Address, byte[]> clientMac) {
        Optional<InterfaceFacts> found = InterfaceFacts.read(interfaceName);
        if (found.isEmpty()) {
            return noInterface(interfaceName, System.nanoTime());
        }
        Ipv4Address server = found.get().address();
        return relay(
                LOOPBACK,
                server,
                serverIdentifier.orElse(server),
                probeSubnet,
                timeout,
                clientMac.apply(server));
    }

    private static ProbeOutcome relay(
            Ipv4Address giaddr,
            Ipv4Address server,
            Ipv4Address serverIdentifier,
            Ipv4Network probeSubnet,
            Duration timeout,
            byte[] clientMac) {
        long start = System.nanoTime();
        ProbeParameters parameters =
                new ProbeParameters(
                        clientMac,
                        giaddr,
                        probeSubnet,
                        serverIdentifier,
                        ProbeParameters.DEFAULT_SECS,
                        timeout);
        try (ProbeTransport transport = new RelayTransport(giaddr, server)) {
            return exchange(transport, parameters, start);
        } catch (IOException e) {
            return notReady(
                    ProbeFailure.SOCKET_ERROR, e.toString(), Optional.of(ProbePath.RELAY), start);
        }
    }

    /**
     * The exchange over any transport; public so tests and later callers can supply their own.
     * Timeout and latency count from {@code startNanos}.
     */
    public static ProbeOutcome exchange(
            ProbeTransport transport, ProbeParameters parameters, long startNanos)
            throws IOException {
        DoraExchange dora = new DoraExchange(parameters, ThreadLocalRandom.current().nextInt());
        long deadline = startNanos + parameters.timeout().toNanos();
        transport.send(DhcpPacketCodec.encode(dora.discover()));
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return outcome(dora.onTimeout(), transport.path(), startNanos);
            }
            Optional<byte[]> datagram = transport.receive(Duration.ofNanos(left));
            if (datagram.isEmpty()) {
                continue;
            }
            DhcpPacket reply;
            try {
                reply = DhcpPacketCodec.decode(datagram.get(), datagram.get().length);
            } catch (IllegalArgumentException e) {
                continue; // not DHCP; keep waiting for ours
            }
            DoraExchange.Step step = dora.onReply(reply);
            if (step instanceof DoraExchange.Step.Send send) {
                transport.send(DhcpPacketCodec.encode(send.packet()));
            } else if (step instanceof DoraExchange.Step.Done done) {
                return outcome(done, transport.path(), startNanos);
            }
        }
    }

    private static ProbeOutcome outcome(
            DoraExchange.Step.Done done, ProbePath path, long startNanos) {
        Duration latency = since(startNanos);
        return done.lease()
                .<ProbeOutcome>map(lease -> new ProbeOutcome.Ready(lease, path, latency))
                .orElseGet(
                        () ->
                                new ProbeOutcome.NotReady(
                                        done.failure(), done.detail(), Optional.of(path), latency));
    }

    private static ProbeOutcome noInterface(String interfaceName, long startNanos) {
        return notReady(
                ProbeFailure.NO_INTERFACE,
                "interface "
                        + interfaceName
                        + " missing, down, without carrier, or without an IPv4 address",
                Optional.empty(),
                startNanos);
    }

    private static ProbeOutcome notReady(
            ProbeFailure failure, String detail, Optional<ProbePath> path, long startNanos) {
        return new ProbeOutcome.NotReady(failure, detail, path, since(startNanos));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
