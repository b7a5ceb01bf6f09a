package dk.npflan.dhcp.omapi;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A connection to one dhcpd's OMAPI listener, authenticated with its HMAC key (hmac-md5 in our
 * configs). It exists because the rollout must read the failover state of each peer (and tests must
 * read leases) straight from dhcpd, and no Java OMAPI library exists.
 *
 * <p>Conversation: TCP connect; both sides send the intro (version 100, header size 24); we open an
 * object of type {@code authenticator} with the key name and algorithm (unsigned) and dhcpd answers
 * with an update whose handle becomes our authid; from then on every request is signed with the key
 * and every answer must carry a valid signature from the same key. Every exchange runs under the
 * deadline of {@link OmapiTimeouts}, every read is size-bounded ({@link OmapiWire}), and every
 * failure is an {@link OmapiException} with a reason. After a transport or protocol failure the
 * connection is closed; a not-found or server status leaves it usable. Not thread-safe beyond its
 * synchronized calls.
 */
public final class OmapiClient implements AutoCloseable {

    /** ISC {@code ISC_R_NOTFOUND}, the status dhcpd sends when no object matches the lookup. */
    static final int ISC_R_NOTFOUND = 23;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DeadlineInputStream in;
    private final OutputStream out;
    private final OmapiKey key;
    private final OmapiTimeouts timeouts;
    private final String server;
    private int authId;
    private int nextId = RANDOM.nextInt() & 0x7fffffff;
    private boolean broken;

    private OmapiClient(Socket socket, OmapiKey key, OmapiTimeouts timeouts, String server)
            throws IOException {
        this.socket = socket;
        this.in = new DeadlineInputStream(socket);
        this.out = socket.getOutputStream();
        this.key = key;
        this.timeouts = timeouts;
        this.server = server;
    }

    /** Connects, exchanges intros and authenticates with {@code key}. */
    public static OmapiClient connect(String host, int port, OmapiKey key, OmapiTimeouts timeouts)
            throws OmapiException {
        String server = host + ":" + port;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(
                    new InetSocketAddress(InetAddress.getByName(host), port),
                    (int) timeouts.connect().toMillis());
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw new OmapiException(
                    OmapiException.Reason.CONNECT_FAILED, "cannot resolve " + host, e);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new OmapiException(
                    OmapiException.Reason.CONNECT_FAILED,
                    "connect to "
                            + server
                            + " timed out after "
                            + timeouts.connect().toMillis()
                            + " ms",
                    e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new OmapiException(
                    OmapiException.Reason.CONNECT_FAILED,
                    "cannot connect to " + server + ": " + e.getMessage(),
                    e);
        }
        OmapiClient client;
        try {
            client = new OmapiClient(socket, key, timeouts, server);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new OmapiException(
                    OmapiException.Reason.CONNECT_FAILED, "cannot use socket to " + server, e);
        }
        client.authenticate();
        return client;
    }

    /** Connects, reads the failover state of {@code peerName} and closes again. */
    public static FailoverStatus readFailoverState(
            String host, int port, OmapiKey key, OmapiTimeouts timeouts, String peerName)
            throws OmapiException {
        try (OmapiClient client = connect(host, port, key, timeouts)) {
            return client.failoverState(peerName);
        }
    }

    private void authenticate() throws OmapiException {
        try {
            in.deadlineIn(timeouts.exchange().toNanos());
            out.write(OmapiWire.intro());
            out.flush();
            OmapiWire.readIntro(in);
            OmapiMessage request =
                    OmapiMessage.open(nextId(), "authenticator", key.authenticatorObject());
            out.write(OmapiWire.encode(request));
            out.flush();
            OmapiMessage reply = receiveReplyTo(request, false);
            if (reply.operation() == OmapiOperation.STATUS) {
                throw new OmapiException(
                        OmapiException.Reason.AUTH_FAILED,
                        server + " refused key " + key.name() + ": " + statusText(reply));
            }
            if (reply.operation() != OmapiOperation.UPDATE || reply.handle() == 0) {
                throw new OmapiException(
                        OmapiException.Reason.PROTOCOL_ERROR,
                        server
                                + " answered the authenticator open with "
                                + reply.operation()
                                + " handle "
                                + reply.handle());
            }
            authId = reply.handle();
        } catch (IOException e) {
            close();
            throw transportFailure(e, "authentication");
        } catch (OmapiException e) {
            close();
            throw e;
        }
    }

    /** Opens {@code failover-state} {@code name = peerName} and decodes it. */
    public synchronized FailoverStatus failoverState(String peerName) throws OmapiException {
        Map<String, byte[]> object =
                openObject(
                        "failover-state",
                        Map.of("name", peerName.getBytes(StandardCharsets.US_ASCII)));
        return new FailoverStatus(
                peerName,
                new FailoverCode(requiredInt(object, "local-state")),
                new FailoverCode(requiredInt(object, "partner-state")),
                optionalInt(object, "hierarchy"),
                optionalLong(object, "mclt").map(Duration::ofSeconds),
                optionalLong(object, "local-stos").map(Instant::ofEpochSecond),
                optionalLong(object, "partner-stos").map(Instant::ofEpochSecond));
    }

    /** Opens the {@code lease} object for {@code address}. */
    public synchronized LeaseBinding lease(Inet4Address address) throws OmapiException {
        Map<String, byte[]> object =
                openObject("lease", Map.of("ip-address", address.getAddress()));
        Optional<String> mac =
                Optional.ofNullable(object.get("hardware-address"))
                        .filter(bytes -> bytes.length > 0)
                        .map(bytes -> HexFormat.ofDelimiter(":").formatHex(bytes));
        return new LeaseBinding(
                address,
                requiredInt(object, "state"),
                mac,
                optionalLong(object, "ends").map(Instant::ofEpochSecond));
    }

    /**
     * The lease dhcpd holds for {@code address}; {@link OmapiException.Reason#NOT_FOUND} if none.
     */
    public synchronized LeaseDetails leaseDetails(Inet4Address address) throws OmapiException {
        return LeaseDetails.of(openObject("lease", Map.of("ip-address", address.getAddress())));
    }

    /**
     * The lease dhcpd holds for the Ethernet address {@code mac} (6 bytes); NOT_FOUND if none, a
     * server error when dhcpd has more than one for it.
     */
    public synchronized LeaseDetails leaseDetails(byte[] mac) throws OmapiException {
        return LeaseDetails.of(
                openObject(
                        "lease",
                        Map.of("hardware-address", mac.clone(), "hardware-type", int32(1))));
    }

    /**
     * Sets this server's own failover state for {@code peerName} (omshell's {@code set local-state
     * = 4}, {@code update}). Only an operator's deliberate act: for {@link
     * FailoverState#PARTNER_DOWN} the partner must be down and unable to come back by itself
     * (docs/operations.md), or both serve the same addresses. Returns the state dhcpd reports
     * afterwards.
     */
    public synchronized FailoverStatus setLocalFailoverState(String peerName, FailoverState state)
            throws OmapiException {
        updateObject(
                "failover-state",
                Map.of("name", peerName.getBytes(StandardCharsets.US_ASCII)),
                Map.of("local-state", int32(state.code())));
        return failoverState(peerName);
    }

    /** An OMAPI integer: 4 bytes, big-endian. */
    private static byte[] int32(int value) {
        return new byte[] {
            (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
        };
    }

    /**
     * Opens an object of {@code type} looked up by {@code lookup} and returns all its attributes as
     * dhcpd sent them. The typed calls above build on it; it is public for diagnostics and tests.
     */
    public synchronized Map<String, byte[]> openObject(String type, Map<String, byte[]> lookup)
            throws OmapiException {
        return open(type, lookup).object();
    }

    /**
     * Sets {@code values} on the object of {@code type} looked up by {@code lookup} (open, then
     * update on its handle, as omshell's {@code open} … {@code update}); dhcpd applies them at
     * once. Returns the object's attributes after the update when dhcpd sends them, else those it
     * had.
     */
    public synchronized Map<String, byte[]> updateObject(
            String type, Map<String, byte[]> lookup, Map<String, byte[]> values)
            throws OmapiException {
        OmapiMessage opened = open(type, lookup);
        OmapiMessage reply =
                signedExchange(
                        new OmapiMessage(
                                0,
                                OmapiOperation.UPDATE,
                                opened.handle(),
                                nextId(),
                                0,
                                Map.of(),
                                values,
                                new byte[0]),
                        "update " + type);
        if (reply.operation() == OmapiOperation.STATUS) {
            if (result(reply) != 0) {
                throw statusFailure(reply, "update " + type);
            }
            return opened.object();
        }
        if (reply.operation() != OmapiOperation.UPDATE) {
            close();
            throw new OmapiException(
                    OmapiException.Reason.PROTOCOL_ERROR,
                    server + " answered update " + type + " with " + reply.operation());
        }
        return reply.object();
    }

    private OmapiMessage open(String type, Map<String, byte[]> lookup) throws OmapiException {
        OmapiMessage reply =
                signedExchange(OmapiMessage.open(nextId(), type, lookup), "open " + type);
        if (reply.operation() == OmapiOperation.STATUS) {
            throw statusFailure(reply, "open " + type);
        }
        if (reply.operation() != OmapiOperation.UPDATE) {
            close();
            throw new OmapiException(
                    OmapiException.Reason.PROTOCOL_ERROR,
                    server + " answered open " + type + " with " + reply.operation());
        }
        return reply;
    }

    /**
     * Signs {@code request} with the key, sends it and returns dhcpd's verified answer (a status
     * answer is returned, not thrown: the caller knows what it means). A transport or protocol
     * failure closes the connection; not-found and server errors leave it usable.
     */
    private OmapiMessage signedExchange(OmapiMessage request, String what) throws OmapiException {
        if (broken) {
            throw new OmapiException(
                    OmapiException.Reason.CONNECTION_CLOSED,
                    "connection to " + server + " was closed after an earlier failure");
        }
        try {
            in.deadlineIn(timeouts.exchange().toNanos());
            byte[] signature =
                    key.sign(OmapiWire.signedPart(request, key.algorithm().signatureLength()));
            OmapiMessage signed =
                    new OmapiMessage(
                            authId,
                            request.operation(),
                            request.handle(),
                            request.id(),
                            request.rid(),
                            request.message(),
                            request.object(),
                            signature);
            out.write(OmapiWire.encode(signed));
            out.flush();
            return receiveReplyTo(request, true);
        } catch (IOException e) {
            close();
            throw transportFailure(e, what);
        } catch (OmapiException e) {
            if (e.reason() != OmapiException.Reason.NOT_FOUND
                    && e.reason() != OmapiException.Reason.SERVER_ERROR) {
                close();
            }
            throw e;
        }
    }

    private OmapiMessage receiveReplyTo(OmapiMessage request, boolean signed)
            throws IOException, OmapiException {
        OmapiWire.Received received = OmapiWire.read(in);
        OmapiMessage reply = received.message();
        if (reply.rid() != request.id()) {
            throw new OmapiException(
                    OmapiException.Reason.PROTOCOL_ERROR,
                    server
                            + " sent a message for request "
                            + reply.rid()
                            + " while we wait for "
                            + request.id());
        }
        if (signed
                && (reply.authId() != authId
                        || !key.verifies(received.signedBytes(), reply.signature()))) {
            if (reply.operation() == OmapiOperation.STATUS) {
                // dhcpd answers a request with a bad signature by an unsigned status (result
                // 0x6000b)
                throw new OmapiException(
                        OmapiException.Reason.AUTH_FAILED,
                        server
                                + " rejected the signature of key "
                                + key.name()
                                + " (status "
                                + statusText(reply)
                                + ", result 0x"
                                + Long.toHexString(result(reply))
                                + "): the secret differs from dhcpd's");
            }
            throw new OmapiException(
                    OmapiException.Reason.AUTH_FAILED,
                    server
                            + " did not sign its answer with key "
                            + key.name()
                            + ": the secret differs from dhcpd's");
        }
        return reply;
    }

    private OmapiException statusFailure(OmapiMessage reply, String what) {
        long result = result(reply);
        String text = statusText(reply);
        if (result == ISC_R_NOTFOUND) {
            return new OmapiException(
                    OmapiException.Reason.NOT_FOUND, server + ": " + what + ": " + text);
        }
        return new OmapiException(
                OmapiException.Reason.SERVER_ERROR,
                server + ": " + what + ": " + text + " (result " + result + ")");
    }

    private static long result(OmapiMessage reply) {
        return reply.messageValue("result")
                .filter(v -> v.length > 0 && v.length <= 8)
                .map(OmapiClient::toLong)
                .orElse(-1L);
    }

    private static String statusText(OmapiMessage reply) {
        return reply.messageValue("message")
                .map(
                        bytes ->
                                new String(bytes, StandardCharsets.US_ASCII)
                                        .replaceAll("[^\\x20-\\x7e]", "?"))
                .orElse("without message");
    }

    private OmapiException transportFailure(IOException e, String during) {
        if (e instanceof SocketTimeoutException) {
            return new OmapiException(
                    OmapiException.Reason.TIMEOUT,
                    server
                            + " gave no complete answer to "
                            + during
                            + " within "
                            + timeouts.exchange().toMillis()
                            + " ms",
                    e);
        }
        String what =
                e instanceof EOFException ? "closed the connection" : "failed: " + e.getMessage();
        return new OmapiException(
                OmapiException.Reason.CONNECTION_CLOSED,
                server + " " + what + " during " + during,
                e);
    }

    private int nextId() {
        nextId = (nextId + 1) & 0x7fffffff;
        return nextId;
    }

    private int requiredInt(Map<String, byte[]> object, String name) throws OmapiException {
        byte[] value = object.get(name);
        if (value == null || value.length == 0 || value.length > 8) {
            throw new OmapiException(
                    OmapiException.Reason.PROTOCOL_ERROR,
                    server + " sent no usable " + name + " attribute");
        }
        return (int) toLong(value);
    }

    private static OptionalInt optionalInt(Map<String, byte[]> object, String name) {
        return optionalLong(object, name)
                .map(v -> OptionalInt.of(v.intValue()))
                .orElse(OptionalInt.empty());
    }

    private static Optional<Long> optionalLong(Map<String, byte[]> object, String name) {
        return Optional.ofNullable(object.get(name))
                .filter(v -> v.length > 0 && v.length <= 8)
                .map(OmapiClient::toLong);
    }

    /** OMAPI integers are unsigned big-endian of 1 to 8 bytes (4 in practice). */
    static long toLong(byte[] value) {
        long result = 0;
        for (byte b : value) {
            result = (result << 8) | (b & 0xff);
        }
        return result;
    }

    @Override
    public synchronized void close() {
        broken = true;
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do for a socket we are abandoning
        }
    }
}
