package dk.npflan.dhcp.probe;

import dk.npflan.dhcp.config.Ipv4Address;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The probe's DISCOVER → OFFER → REQUEST → ACK exchange as a pure state machine: it produces the
 * packets to send and judges each reply, while the socket adapter ({@link DhcpProbe}) only moves
 * bytes and keeps time. Replies for other transactions or clients are ignored; an offer or ack from
 * a server other than the expected one is remembered and reported as {@link
 * ProbeFailure#WRONG_SERVER} if nothing better comes.
 */
public final class DoraExchange {

    /** What the adapter should do after a reply. */
    public sealed interface Step {
        /** Not for us or not decisive: keep waiting. */
        record Wait() implements Step {}

        /** Send this packet and keep waiting. */
        record Send(DhcpPacket packet) implements Step {}

        /** The exchange is over; {@code latency} is filled in by the adapter. */
        record Done(Optional<Lease> lease, ProbeFailure failure, String detail) implements Step {}
    }

    private final ProbeParameters parameters;
    private final int xid;
    private boolean requested;
    private String lastSeen = "no reply";
    private boolean sawWrongServer;

    public DoraExchange(ProbeParameters parameters, int xid) {
        this.parameters = parameters;
        this.xid = xid;
    }

    public DhcpPacket discover() {
        return request(DhcpMessageType.DISCOVER, Map.of());
    }

    public Step onReply(DhcpPacket reply) {
        if (reply.op() != DhcpPacket.BOOTREPLY
                || reply.xid() != xid
                || !java.util.Arrays.equals(reply.chaddr(), parameters.clientMac())) {
            return new Step.Wait();
        }
        Optional<DhcpMessageType> type = reply.messageType();
        Optional<Ipv4Address> server = reply.serverId();
        lastSeen =
                type.map(Enum::name).orElse("untyped reply")
                        + " from "
                        + server.map(Ipv4Address::toString).orElse("unknown server");
        if (server.isPresent() && !server.get().equals(parameters.expectedServer())) {
            sawWrongServer = true;
            return new Step.Wait();
        }
        if (type.isEmpty() || server.isEmpty()) {
            return new Step.Wait();
        }
        return switch (type.get()) {
            case OFFER -> onOffer(reply, server.get());
            case ACK ->
                    requested
                            ? new Step.Done(
                                    Optional.of(
                                            new Lease(
                                                    reply.yiaddr(),
                                                    server.get(),
                                                    Duration.ofSeconds(
                                                            reply.leaseSeconds().orElse(0L)))),
                                    null,
                                    lastSeen)
                            : new Step.Wait();
            case NAK ->
                    new Step.Done(
                            Optional.empty(),
                            ProbeFailure.NAK,
                            "DHCPNAK from "
                                    + server.get().toString()
                                    + reply.message().map(m -> ": " + m).orElse(""));
            default -> new Step.Wait();
        };
    }

    /** The outcome when the time is up without a decisive reply. */
    public Step.Done onTimeout() {
        String phase = requested ? "no DHCPACK" : "no DHCPOFFER";
        if (sawWrongServer) {
            return new Step.Done(
                    Optional.empty(),
                    ProbeFailure.WRONG_SERVER,
                    phase
                            + " from "
                            + parameters.expectedServer().toString()
                            + "; last seen "
                            + lastSeen);
        }
        return new Step.Done(
                Optional.empty(),
                ProbeFailure.TIMEOUT,
                phase
                        + " within "
                        + parameters.timeout().toMillis()
                        + " ms; last seen "
                        + lastSeen);
    }

    private Step onOffer(DhcpPacket offer, Ipv4Address server) {
        if (requested) {
            return new Step.Wait();
        }
        requested = true;
        Map<Integer, byte[]> extra = new LinkedHashMap<>();
        extra.put(DhcpPacket.OPTION_REQUESTED_ADDRESS, offer.yiaddr().toBytes());
        extra.put(DhcpPacket.OPTION_SERVER_ID, server.toBytes());
        return new Step.Send(request(DhcpMessageType.REQUEST, extra));
    }

    private DhcpPacket request(DhcpMessageType type, Map<Integer, byte[]> extra) {
        Map<Integer, byte[]> options = new LinkedHashMap<>();
        options.put(DhcpPacket.OPTION_MESSAGE_TYPE, new byte[] {(byte) type.code()});
        options.putAll(extra);
        options.put(
                DhcpPacket.OPTION_SUBNET_SELECTION, parameters.probeSubnet().network().toBytes());
        options.put(
                DhcpPacket.OPTION_PARAMETER_LIST,
                new byte[] {
                    1, 3, (byte) DhcpPacket.OPTION_LEASE_TIME, (byte) DhcpPacket.OPTION_SERVER_ID
                });
        Ipv4Address zero = Ipv4Address.ANY;
        return new DhcpPacket(
                DhcpPacket.BOOTREQUEST,
                1,
                xid,
                parameters.secs(),
                0,
                zero,
                zero,
                zero,
                parameters.giaddr(),
                parameters.clientMac(),
                options);
    }
}
