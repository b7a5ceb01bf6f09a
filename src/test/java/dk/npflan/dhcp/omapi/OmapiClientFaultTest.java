package dk.npflan.dhcp.omapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a server can misbehave ends in a typed {@link OmapiException} within the exchange
 * bound, never a hang. The servers are {@link FakeOmapiServer}s on loopback.
 */
class OmapiClientFaultTest {

    private static final OmapiKey KEY =
            new OmapiKey("omapi_key", "0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final OmapiTimeouts SHORT =
            new OmapiTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));

    /** Exchange bound plus generous slack for a loaded 2-core machine. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    private static final int HANDLE = 7;

    @Test
    void serverAcceptsAndNeverAnswers_timesOutWithinTheBound() {
        assertFailsWith(socket -> new CountDownLatch(1).await(), OmapiException.Reason.TIMEOUT);
    }

    @Test
    void serverTricklesAnEndlessValue_timesOutAtTheDeadlineNotPerRead() {
        assertFailsWith(
                socket -> {
                    OutputStream out = handshake(socket);
                    DataOutputStream data = new DataOutputStream(out);
                    data.write(header(0, 0, OmapiOperation.UPDATE, HANDLE, 0, lastRequestId));
                    data.writeShort(1);
                    data.write('x');
                    data.writeInt(1000);
                    data.flush();
                    while (true) {
                        Thread.sleep(100);
                        out.write(0);
                        out.flush();
                    }
                },
                OmapiException.Reason.TIMEOUT);
    }

    @Test
    void serverDiesMidMessage_failsWithConnectionClosed() {
        assertFailsWith(
                socket -> {
                    OutputStream out = handshake(socket);
                    out.write(header(0, 0, OmapiOperation.UPDATE, HANDLE, 0, lastRequestId), 0, 10);
                    out.flush();
                    socket.close();
                },
                OmapiException.Reason.CONNECTION_CLOSED);
    }

    @Test
    void serverClosesRightAfterAccept_failsWithConnectionClosed() {
        assertFailsWith(Socket::close, OmapiException.Reason.CONNECTION_CLOSED);
    }

    @Test
    void serverSendsGarbageInsteadOfIntro_failsWithProtocolError() {
        assertFailsWith(
                socket -> {
                    socket.getOutputStream()
                            .write(
                                    "HTTP/1.1 400 Bad Request\r\n\r\n"
                                            .getBytes(StandardCharsets.US_ASCII));
                    new CountDownLatch(1).await();
                },
                OmapiException.Reason.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "value length {0}")
    @ValueSource(ints = {0x7ffffff0, 0xffffffff, OmapiWire.MAX_MESSAGE_BYTES})
    void serverAnnouncesImpossibleValueLength_failsWithProtocolErrorWithoutWaiting(int length) {
        assertFailsWith(
                socket -> {
                    DataOutputStream data = new DataOutputStream(handshake(socket));
                    data.write(header(0, 0, OmapiOperation.UPDATE, HANDLE, 0, lastRequestId));
                    data.writeShort(4);
                    data.writeBytes("name");
                    data.writeInt(length);
                    data.flush();
                    new CountDownLatch(1).await();
                },
                OmapiException.Reason.PROTOCOL_ERROR);
    }

    @Test
    void serverAnnouncesHugeSignature_failsWithProtocolError() {
        assertFailsWith(
                socket -> {
                    handshake(socket)
                            .write(
                                    header(
                                            0,
                                            0x10000,
                                            OmapiOperation.UPDATE,
                                            HANDLE,
                                            0,
                                            lastRequestId));
                    new CountDownLatch(1).await();
                },
                OmapiException.Reason.PROTOCOL_ERROR);
    }

    @Test
    void serverSendsUnknownOpcode_failsWithProtocolError() {
        assertFailsWith(
                socket -> {
                    ByteBuffer header =
                            ByteBuffer.wrap(
                                    header(0, 0, OmapiOperation.UPDATE, HANDLE, 0, lastRequestId));
                    header.putInt(8, 99);
                    handshake(socket).write(header.array());
                    new CountDownLatch(1).await();
                },
                OmapiException.Reason.PROTOCOL_ERROR);
    }

    @Test
    void serverAnswersAnotherRequest_failsWithProtocolError() {
        assertFailsWith(
                socket -> {
                    OutputStream out = handshake(socket);
                    out.write(
                            OmapiWire.encode(
                                    new OmapiMessage(
                                            0,
                                            OmapiOperation.UPDATE,
                                            HANDLE,
                                            1,
                                            lastRequestId + 1,
                                            Map.of(),
                                            Map.of(),
                                            new byte[0])));
                    new CountDownLatch(1).await();
                },
                OmapiException.Reason.PROTOCOL_ERROR);
    }

    @Test
    void serverRefusesAuthenticator_failsWithAuthError() {
        assertFailsWith(
                socket -> {
                    OutputStream out = handshake(socket);
                    out.write(
                            OmapiWire.encode(
                                    new OmapiMessage(
                                            0,
                                            OmapiOperation.STATUS,
                                            0,
                                            1,
                                            lastRequestId,
                                            Map.of(
                                                    "result",
                                                    intValue(OmapiClient.ISC_R_NOTFOUND),
                                                    "message",
                                                    "no object matches specification"
                                                            .getBytes(StandardCharsets.US_ASCII)),
                                            Map.of(),
                                            new byte[0])));
                    new CountDownLatch(1).await();
                },
                OmapiException.Reason.AUTH_FAILED);
    }

    @Test
    void closedPort_failsWithConnectError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closed = port;
        assertTimeoutPreemptively(
                BOUND,
                () ->
                        assertThatThrownBy(
                                        () -> OmapiClient.connect("127.0.0.1", closed, KEY, SHORT))
                                .isInstanceOfSatisfying(
                                        OmapiException.class,
                                        e ->
                                                assertThat(e.reason())
                                                        .isEqualTo(
                                                                OmapiException.Reason
                                                                        .CONNECT_FAILED)));
    }

    @Test
    void authenticatedServerGoesSilentOnOpen_timesOut_andConnectionIsDeclaredClosed()
            throws Exception {
        try (FakeOmapiServer server =
                new FakeOmapiServer(
                        socket -> {
                            authenticated(socket);
                            OmapiWire.read(socket.getInputStream());
                            new CountDownLatch(1).await();
                        })) {
            assertTimeoutPreemptively(
                    BOUND,
                    () -> {
                        try (OmapiClient client =
                                OmapiClient.connect("127.0.0.1", server.port(), KEY, SHORT)) {
                            assertThatThrownBy(() -> client.failoverState("failover-partner"))
                                    .isInstanceOfSatisfying(
                                            OmapiException.class,
                                            e ->
                                                    assertThat(e.reason())
                                                            .isEqualTo(
                                                                    OmapiException.Reason.TIMEOUT));
                            assertThatThrownBy(() -> client.failoverState("failover-partner"))
                                    .isInstanceOfSatisfying(
                                            OmapiException.class,
                                            e ->
                                                    assertThat(e.reason())
                                                            .isEqualTo(
                                                                    OmapiException.Reason
                                                                            .CONNECTION_CLOSED));
                        }
                    });
        }
    }

    @Test
    void unsignedAnswerToOpen_failsWithAuthError() throws Exception {
        try (FakeOmapiServer server =
                new FakeOmapiServer(
                        socket -> {
                            authenticated(socket);
                            OmapiMessage open = OmapiWire.read(socket.getInputStream()).message();
                            socket.getOutputStream()
                                    .write(
                                            OmapiWire.encode(
                                                    new OmapiMessage(
                                                            0,
                                                            OmapiOperation.UPDATE,
                                                            9,
                                                            2,
                                                            open.id(),
                                                            Map.of(),
                                                            failoverObject(2, 2),
                                                            new byte[0])));
                            new CountDownLatch(1).await();
                        })) {
            assertTimeoutPreemptively(
                    BOUND,
                    () ->
                            assertThatThrownBy(
                                            () ->
                                                    OmapiClient.readFailoverState(
                                                            "127.0.0.1",
                                                            server.port(),
                                                            KEY,
                                                            SHORT,
                                                            "failover-partner"))
                                    .isInstanceOfSatisfying(
                                            OmapiException.class,
                                            e ->
                                                    assertThat(e.reason())
                                                            .isEqualTo(
                                                                    OmapiException.Reason
                                                                            .AUTH_FAILED)));
        }
    }

    @Test
    void signedAnswer_decodesRecoverWaitAndKeepsUnknownCodes() throws Exception {
        try (FakeOmapiServer server =
                new FakeOmapiServer(
                        socket -> {
                            authenticated(socket);
                            OmapiMessage open = OmapiWire.read(socket.getInputStream()).message();
                            assertThat(open.messageValue("type"))
                                    .hasValueSatisfying(
                                            v ->
                                                    assertThat(
                                                                    new String(
                                                                            v,
                                                                            StandardCharsets
                                                                                    .US_ASCII))
                                                            .isEqualTo("failover-state"));
                            OmapiMessage reply =
                                    new OmapiMessage(
                                            HANDLE,
                                            OmapiOperation.UPDATE,
                                            9,
                                            2,
                                            open.id(),
                                            Map.of(),
                                            failoverObject(254, 99),
                                            new byte[0]);
                            byte[] signature =
                                    KEY.sign(
                                            OmapiWire.signedPart(
                                                    reply, KEY.algorithm().signatureLength()));
                            socket.getOutputStream()
                                    .write(
                                            OmapiWire.encode(
                                                    new OmapiMessage(
                                                            HANDLE,
                                                            reply.operation(),
                                                            reply.handle(),
                                                            reply.id(),
                                                            reply.rid(),
                                                            reply.message(),
                                                            reply.object(),
                                                            signature)));
                            new CountDownLatch(1).await();
                        })) {
            FailoverStatus status =
                    assertTimeoutPreemptively(
                            BOUND,
                            () ->
                                    OmapiClient.readFailoverState(
                                            "127.0.0.1",
                                            server.port(),
                                            KEY,
                                            SHORT,
                                            "failover-partner"));
            assertThat(status.local().state()).isEqualTo(FailoverState.RECOVER_WAIT);
            assertThat(status.partner().state()).isEqualTo(FailoverState.UNKNOWN);
            assertThat(status.partner().label()).isEqualTo("unknown(99)");
            assertThat(status.role()).isEqualTo("secondary");
            assertThat(status.bothNormal()).isFalse();
        }
    }

    /**
     * Runs the client against a server with {@code behaviour} and expects {@code reason} within the
     * bound.
     */
    private static void assertFailsWith(
            FakeOmapiServer.Behaviour behaviour, OmapiException.Reason reason) {
        try (FakeOmapiServer server = new FakeOmapiServer(behaviour)) {
            assertTimeoutPreemptively(
                    BOUND,
                    () ->
                            assertThatThrownBy(
                                            () ->
                                                    OmapiClient.readFailoverState(
                                                            "127.0.0.1",
                                                            server.port(),
                                                            KEY,
                                                            SHORT,
                                                            "failover-partner"))
                                    .isInstanceOfSatisfying(
                                            OmapiException.class,
                                            e -> assertThat(e.reason()).isEqualTo(reason)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Id of the last authenticator open the fake read; replies refer to it. */
    private static volatile int lastRequestId;

    /** Intro both ways, then reads the client's authenticator open. */
    private static OutputStream handshake(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        out.write(OmapiWire.intro());
        OmapiWire.readIntro(in);
        lastRequestId = OmapiWire.read(in).message().id();
        return out;
    }

    /** A well-behaved handshake that grants authid {@link #HANDLE}. */
    private static void authenticated(Socket socket) throws Exception {
        OutputStream out = handshake(socket);
        out.write(
                OmapiWire.encode(
                        new OmapiMessage(
                                0,
                                OmapiOperation.UPDATE,
                                HANDLE,
                                1,
                                lastRequestId,
                                Map.of(),
                                Map.of(),
                                new byte[0])));
    }

    private static byte[] header(
            int authId, int authLength, OmapiOperation op, int handle, int id, int rid) {
        return ByteBuffer.allocate(24)
                .putInt(authId)
                .putInt(authLength)
                .putInt(op.code())
                .putInt(handle)
                .putInt(id)
                .putInt(rid)
                .array();
    }

    private static Map<String, byte[]> failoverObject(int local, int partner) {
        return Map.of(
                "local-state",
                intValue(local),
                "partner-state",
                intValue(partner),
                "hierarchy",
                intValue(1),
                "mclt",
                intValue(3600));
    }

    private static byte[] intValue(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }
}
