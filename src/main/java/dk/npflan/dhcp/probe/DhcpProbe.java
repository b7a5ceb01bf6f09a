package dk.npflan.dhcp.probe;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs one DHCP exchange against a dhcpd and reports whether it handed out a lease. This is the
 * readiness signal the seed never had: "the server answers DHCP now", measured by really obtaining
 * a lease from a dedicated probe subnet. {@link #local} is the in-namespace probe (see {@link
 * LoopbackRelayTransport}); {@link #relay} probes a server from outside as a relay agent.
 */
public final class DhcpProbe {

    private static final Inet4Address LOOPBACK = Ipv4.parse("127.0.0.1");

    private DhcpProbe() {}

    /**
     * Probes the dhcpd in this network namespace through {@code interfaceName}: the server is
     * expected to answer with its address on that interface as server identifier.
     */
    public static ProbeOutcome local(
            String interfaceName, Ipv4Subnet probeSubnet, Duration timeout) {
        long start = System.nanoTime();
        Optional<InterfaceAddress> address;
        try {
            address = ipv4WithBroadcast(interfaceName);
        } catch (SocketException e) {
            address = Optional.empty();
        }
        if (address.isEmpty()) {
            return new ProbeOutcome.NotReady(
                    ProbeFailure.NO_INTERFACE,
                    "interface "
                            + interfaceName
                            + " missing, down, or without an IPv4 address that has a broadcast address",
                    since(start));
        }
        Inet4Address server = (Inet4Address) address.get().getAddress();
        ProbeParameters parameters =
                new ProbeParameters(
                        ProbeParameters.macFor(server),
                        LOOPBACK,
                        probeSubnet,
                        server,
                        ProbeParameters.DEFAULT_SECS,
                        timeout);
        try (ProbeTransport transport =
                new LoopbackRelayTransport(directedBroadcast(address.get()))) {
            return exchange(transport, parameters, start);
        } catch (IOException e) {
            return new ProbeOutcome.NotReady(ProbeFailure.SOCKET_ERROR, e.toString(), since(start));
        }
    }

    /**
     * Probes the dhcpd at {@code server} from outside, acting as a relay agent at {@code giaddr}.
     */
    public static ProbeOutcome relay(
            Inet4Address giaddr, Inet4Address server, Ipv4Subnet probeSubnet, Duration timeout) {
        long start = System.nanoTime();
        ProbeParameters parameters =
                new ProbeParameters(
                        ProbeParameters.macFor(server),
                        giaddr,
                        probeSubnet,
                        server,
                        ProbeParameters.DEFAULT_SECS,
                        timeout);
        try (ProbeTransport transport = new RelayTransport(giaddr, server)) {
            return exchange(transport, parameters, start);
        } catch (IOException e) {
            return new ProbeOutcome.NotReady(ProbeFailure.SOCKET_ERROR, e.toString(), since(start));
        }
    }

    /** The exchange over any transport; public so tests and later callers can supply their own. */
    public static ProbeOutcome exchange(
            ProbeTransport transport, ProbeParameters parameters, long startNanos)
            throws IOException {
        DoraExchange dora = new DoraExchange(parameters, ThreadLocalRandom.current().nextInt());
        long deadline = startNanos + parameters.timeout().toNanos();
        transport.send(DhcpPacketCodec.encode(dora.discover()));
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return outcome(dora.onTimeout(), startNanos);
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
                return outcome(done, startNanos);
            }
        }
    }

    private static ProbeOutcome outcome(DoraExchange.Step.Done done, long startNanos) {
        Duration latency = since(startNanos);
        return done.lease()
                .<ProbeOutcome>map(lease -> new ProbeOutcome.Ready(lease, latency))
                .orElseGet(() -> new ProbeOutcome.NotReady(done.failure(), done.detail(), latency));
    }

    private static Optional<InterfaceAddress> ipv4WithBroadcast(String name)
            throws SocketException {
        NetworkInterface nic = NetworkInterface.getByName(name);
        if (nic == null || !nic.isUp()) {
            return Optional.empty();
        }
        return nic.getInterfaceAddresses().stream()
                .filter(a -> a.getAddress() instanceof Inet4Address)
                .filter(a -> a.getBroadcast() != null || a.getNetworkPrefixLength() <= 30)
                .findFirst();
    }

    /**
     * The interface's broadcast address, or the one its prefix implies: {@code ip addr add} without
     * {@code brd} leaves the broadcast unset while the kernel still routes the directed broadcast.
     */
    static Inet4Address directedBroadcast(InterfaceAddress address) {
        if (address.getBroadcast() instanceof Inet4Address broadcast) {
            return broadcast;
        }
        int prefix = address.getNetworkPrefixLength();
        int host = Ipv4.toInt((Inet4Address) address.getAddress());
        return Ipv4.fromInt(host | (prefix == 0 ? -1 : (1 << (32 - prefix)) - 1));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
