package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.probe.DhcpMessageType;
import dk.npflan.dhcp.probe.DhcpPacket;
import dk.npflan.dhcp.probe.DhcpPacketCodec;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * DHCP clients behind a relay, as the zero-outage proof needs them: every {@code interval} one
 * exchange starts, alternately a <em>new</em> client (DISCOVER → OFFER → REQUEST → ACK with a fresh
 * MAC) and a <em>rebooting</em> one (INIT-REBOOT REQUEST for the address an earlier client got). We
 * are the relay agent: each request goes, with {@code giaddr} = our address, to every server, as
 * {@code dhcrelay} forwards to both failover peers; dhcpd answers to giaddr:67.
 *
 * <p>Clients behave like RFC 2131 clients: {@code secs} counts the seconds since the exchange began
 * and a request is retransmitted every {@link #RETRANSMIT} until the deadline. That matters with
 * failover: in {@code normal} each peer answers only its half of the MACs until {@code secs}
 * exceeds {@code load balance max seconds}, so a client whose peer is restarting is picked up by
 * the other peer on a retransmission. A REQUEST left unanswered {@link #REQUESTS_BEFORE_FALLBACK}
 * times sends the client back to DISCOVER, as RFC 2131 §4.4.1 has it ("reverts to INIT state"): the
 * peer that made the offer may have been stopped between its OFFER and our REQUEST, and the other
 * peer ignores a REQUEST that names that server. Such an exchange is counted in {@link
 * Summary#fellBack()}. An exchange fails when no DHCPACK arrives within the deadline.
 */
public final class ClientLoad implements AutoCloseable {

    static final Duration RETRANSMIT = Duration.ofSeconds(2);

    /**
     * dhclient goes back to DISCOVER after {@code reboot_timeout} (10 s); three REQUESTs 2 s apart
     * keep a fallback inside our 10 s deadline, so what it measures is whether the other peer
     * answers, not how patient one client implementation is.
     */
    static final int REQUESTS_BEFORE_FALLBACK = 3;

    private static final int SERVER_PORT = 67;

    /** Whether an exchange is a first contact or a reboot into a known address. */
    public enum Kind {
        NEW,
        REBOOT
    }

    /** One finished exchange. {@code took} is empty for a failed one. */
    public record Exchange(
            int number,
            Kind kind,
            long startedNanos,
            Optional<Duration> took,
            Optional<Ipv4Address> address,
            Optional<Ipv4Address> server,
            String detail,
            boolean fellBack) {

        public boolean failed() {
            return took.isEmpty();
        }
    }

    /** What a run saw. */
    public record Summary(List<Exchange> exchanges) {

        public int total() {
            return exchanges.size();
        }

        public List<Exchange> failures() {
            return exchanges.stream().filter(Exchange::failed).toList();
        }

        /** Exchanges whose client went back to DISCOVER after unanswered REQUESTs. */
        public long fellBack() {
            return exchanges.stream().filter(Exchange::fellBack).count();
        }

        public long slowerThan(Duration limit) {
            return exchanges.stream()
                    .filter(e -> e.took().map(t -> t.compareTo(limit) > 0).orElse(false))
                    .count();
        }

        public Map<Ipv4Address, Long> answeredBy() {
            Map<Ipv4Address, Long> counts = new LinkedHashMap<>();
            exchanges.forEach(e -> e.server().ifPresent(s -> counts.merge(s, 1L, Long::sum)));
            return counts;
        }

        @Override
        public String toString() {
            return total()
                    + " exchanges, "
                    + failures().size()
                    + " failed, "
                    + slowerThan(Duration.ofSeconds(1))
                    + " slower than 1 s, "
                    + fellBack()
                    + " back to DISCOVER, answered by "
                    + answeredBy();
        }
    }

    /** A client that got a lease: who comes back rebooting. */
    private record Known(byte[] mac, Ipv4Address address) {}

    private final Ipv4Address giaddr;
    private final List<InetSocketAddress> servers;
    private final Duration interval;
    private final Duration deadline;
    private final DatagramSocket socket;
    private final Map<Integer, Client> pending = new ConcurrentHashMap<>();
    private final List<Exchange> done = new ArrayList<>();
    private final List<Known> leased = new ArrayList<>();
    private final Thread receiver;
    private final Thread driver;
    private final Optional<byte[]> onlyMac;
    private volatile boolean running = true;
    private int started;

    private ClientLoad(
            Ipv4Address giaddr,
            List<Ipv4Address> servers,
            Duration interval,
            Duration deadline,
            Optional<byte[]> onlyMac)
            throws SocketException {
        this.giaddr = giaddr;
        this.onlyMac = onlyMac.map(byte[]::clone);
        this.servers =
                servers.stream().map(s -> new InetSocketAddress(s.toInet(), SERVER_PORT)).toList();
        this.interval = interval;
        this.deadline = deadline;
        this.socket = new DatagramSocket(new InetSocketAddress(giaddr.toInet(), SERVER_PORT));
        this.socket.setSoTimeout(100);
        this.receiver = new Thread(this::receive, "client-load-receive");
        this.driver = new Thread(this::drive, "client-load-drive");
    }

    /** Starts the load; {@link #stop()} ends it and waits for exchanges in flight. */
    public static ClientLoad start(
            Ipv4Address giaddr, List<Ipv4Address> servers, Duration interval, Duration deadline)
            throws SocketException {
        return start(new ClientLoad(giaddr, servers, interval, deadline, Optional.empty()));
    }

    /**
     * One client, {@code mac}, again and again: every exchange a full DISCOVER → ACK, as a client
     * with a host reservation does after a release. What each exchange got is in its {@link
     * Exchange#address()}.
     */
    public static ClientLoad startOneClient(
            Ipv4Address giaddr,
            List<Ipv4Address> servers,
            Duration interval,
            Duration deadline,
            byte[] mac)
            throws SocketException {
        if (mac.length != 6) {
            throw new IllegalArgumentException("a MAC has 6 bytes, not " + mac.length);
        }
        return start(new ClientLoad(giaddr, servers, interval, deadline, Optional.of(mac)));
    }

    private static ClientLoad start(ClientLoad load) {
        load.receiver.start();
        load.driver.start();
        return load;
    }

    /** Stops starting exchanges, lets those in flight finish or fail, and summarises. */
    public Summary stop() throws InterruptedException {
        running = false;
        driver.join();
        close();
        synchronized (done) {
            return new Summary(List.copyOf(done));
        }
    }

    @Override
    public void close() {
        running = false;
        socket.close();
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drive() {
        long next = System.nanoTime();
        while (running || !pending.isEmpty()) {
            long now = System.nanoTime();
            if (running && now >= next) {
                startExchange(now);
                next += interval.toNanos();
            }
            for (Client client : pending.values()) {
                client.tick(now);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void startExchange(long now) {
        Optional<Known> known;
        synchronized (done) {
            known =
                    onlyMac.isEmpty() && started % 2 == 1 && !leased.isEmpty()
                            ? Optional.of(leased.get(started / 2 % leased.size()))
                            : Optional.empty();
        }
        Client client = new Client(++started, known, now);
        pending.put(client.xid, client);
        client.send(now);
    }

    private void receive() {
        receiveUntilClosed(
                socket,
                (reply, from) -> {
                    Client client = pending.get(reply.xid());
                    if (client != null && reply.op() == DhcpPacket.BOOTREPLY) {
                        client.onReply(reply, System.nanoTime());
                    }
                });
    }

    /**
     * Hands each DHCP packet {@code socket} receives to {@code onPacket} (with the datagram it came
     * in, for its sender) until the socket is closed; what does not decode is skipped. The socket
     * needs a read timeout, so that a close is noticed.
     */
    static void receiveUntilClosed(
            DatagramSocket socket, BiConsumer<DhcpPacket, DatagramPacket> onPacket) {
        byte[] buffer = new byte[1500];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            DhcpPacket packet;
            try {
                packet = DhcpPacketCodec.decode(datagram.getData(), datagram.getLength());
            } catch (RuntimeException e) {
                continue;
            }
            onPacket.accept(packet, datagram);
        }
    }

    private void finish(Client client, long now, Optional<Ipv4Address> server, String detail) {
        pending.remove(client.xid);
        boolean ok = detail == null;
        Exchange exchange =
                new Exchange(
                        client.number,
                        client.kind,
                        client.startedNanos,
                        ok
                                ? Optional.of(Duration.ofNanos(now - client.startedNanos))
                                : Optional.empty(),
                        client.address,
                        server,
                        ok ? "ACK" : detail,
                        client.fellBack);
        synchronized (done) {
            done.add(exchange);
            if (ok && client.kind == Kind.NEW) {
                leased.add(new Known(client.mac, client.address.orElseThrow()));
            }
        }
    }

    /** One client's exchange: what it sends next and when it gives up. */
    private final class Client {
        final int number;
        final int xid = ThreadLocalRandom.current().nextInt();
        final byte[] mac = new byte[6];
        final Kind kind;
        final long startedNanos;
        Optional<Ipv4Address> address;
        Optional<Ipv4Address> offeredBy = Optional.empty();
        boolean rebooting;
        int requestsSent;
        boolean fellBack;
        long lastSent;
        String lastSeen = "no reply";

        Client(int number, Optional<Known> known, long now) {
            this.number = number;
            this.kind = known.isPresent() ? Kind.REBOOT : Kind.NEW;
            this.address = known.map(Known::address);
            this.rebooting = known.isPresent();
            this.startedNanos = now;
            if (known.isPresent()) {
                System.arraycopy(known.get().mac(), 0, mac, 0, mac.length);
            } else if (onlyMac.isPresent()) {
                System.arraycopy(onlyMac.get(), 0, mac, 0, mac.length);
            } else {
                ThreadLocalRandom.current().nextBytes(mac);
                mac[0] = 0x02; // locally administered, unicast
            }
        }

        synchronized void tick(long now) {
            if (now - startedNanos > deadline.toNanos()) {
                finish(
                        this,
                        now,
                        Optional.empty(),
                        "no DHCPACK within " + deadline + "; " + lastSeen);
            } else if (now - lastSent >= RETRANSMIT.toNanos()) {
                if (requestsSent >= REQUESTS_BEFORE_FALLBACK) {
                    lastSeen = requestsSent + " REQUESTs unanswered after " + lastSeen;
                    backToDiscover();
                    fellBack = true;
                }
                send(now);
            }
        }

        synchronized void onReply(DhcpPacket reply, long now) {
            if (!java.util.Arrays.equals(reply.chaddr(), mac) || !pending.containsKey(xid)) {
                return;
            }
            Optional<DhcpMessageType> type = reply.messageType();
            lastSeen = type.map(Enum::name).orElse("untyped") + " from " + reply.serverId();
            if (type.isEmpty()) {
                return;
            }
            switch (type.get()) {
                case OFFER -> {
                    if (offeredBy.isEmpty() && !rebooting) {
                        offeredBy = reply.serverId();
                        address = Optional.of(reply.yiaddr());
                        send(now);
                    }
                }
                case ACK -> finish(this, now, reply.serverId(), null);
                case NAK -> {
                    // a real client falls back to DISCOVER; count it against the deadline
                    backToDiscover();
                    lastSeen = "NAK from " + reply.serverId();
                }
                default -> {}
            }
        }

        /** A REQUEST goes out (INIT-REBOOT, or after an OFFER), not a DISCOVER. */
        private boolean requesting() {
            return rebooting || offeredBy.isPresent();
        }

        private void backToDiscover() {
            offeredBy = Optional.empty();
            rebooting = false;
            requestsSent = 0;
        }

        void send(long now) {
            lastSent = now;
            if (requesting()) {
                requestsSent++;
            }
            int secs = (int) Duration.ofNanos(now - startedNanos).toSeconds();
            byte[] bytes = DhcpPacketCodec.encode(packet(secs));
            for (InetSocketAddress server : servers) {
                try {
                    socket.send(new DatagramPacket(bytes, bytes.length, server));
                } catch (IOException e) {
                    lastSeen = "send to " + server + " failed: " + e.getMessage();
                }
            }
        }

        private DhcpPacket packet(int secs) {
            Map<Integer, byte[]> options = new LinkedHashMap<>();
            boolean request = requesting();
            DhcpMessageType type = request ? DhcpMessageType.REQUEST : DhcpMessageType.DISCOVER;
            options.put(DhcpPacket.OPTION_MESSAGE_TYPE, new byte[] {(byte) type.code()});
            if (request) {
                options.put(DhcpPacket.OPTION_REQUESTED_ADDRESS, address.orElseThrow().toBytes());
            }
            offeredBy.ifPresent(s -> options.put(DhcpPacket.OPTION_SERVER_ID, s.toBytes()));
            options.put(DhcpPacket.OPTION_PARAMETER_LIST, new byte[] {1, 3, 51, 54});
            Ipv4Address zero = Ipv4Address.ANY;
            return new DhcpPacket(
                    DhcpPacket.BOOTREQUEST,
                    1,
                    xid,
                    secs,
                    0,
                    zero,
                    zero,
                    zero,
                    giaddr,
                    mac,
                    options);
        }
    }
}
