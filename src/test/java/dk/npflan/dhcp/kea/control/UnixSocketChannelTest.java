package dk.npflan.dhcp.kea.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.kea.control.KeaUnreachableException.Reason;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The socket transport's failure cases, against a unix socket this test serves itself (the real
 * daemon's answers are in the kea-tagged tests of {@code kea.server}).
 */
class UnixSocketChannelTest {

    @TempDir Path dir;

    @Test
    void noSocketFile_isSocketAbsent() {
        KeaControlClient client = client(dir.resolve("absent.sock"), Duration.ofSeconds(1));

        assertThatThrownBy(client::statusGet)
                .isInstanceOfSatisfying(
                        KeaUnreachableException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(Reason.SOCKET_ABSENT);
                            assertThat(e.command()).isEqualTo("status-get");
                            assertThat(e.getMessage()).contains("absent.sock");
                        });
    }

    @Test
    void socketFileLeftByAStoppedDaemon_isRefused() throws IOException {
        Path socket = dir.resolve("stale.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();

        assertThatThrownBy(() -> client(socket, Duration.ofSeconds(1)).statusGet())
                .isInstanceOfSatisfying(
                        KeaUnreachableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED));
    }

    @Test
    void daemonThatNeverAnswers_timesOutWithTheCallsTimeout() throws Exception {
        Path socket = dir.resolve("silent.sock");
        try (ServerSocketChannel server = listen(socket)) {
            Thread acceptor = serve(server, null, false);

            assertThatThrownBy(() -> client(socket, Duration.ofMillis(300)).statusGet())
                    .isInstanceOfSatisfying(
                            KeaUnreachableException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT));
            acceptor.interrupt();
        }
    }

    @Test
    void daemonClosingMidAnswer_isClosedEarly() throws Exception {
        Path socket = dir.resolve("half.sock");
        try (ServerSocketChannel server = listen(socket)) {
            serve(server, "{ \"result\": 0, \"arguments\": { \"pid\": 1", true);

            assertThatThrownBy(() -> client(socket, Duration.ofSeconds(5)).statusGet())
                    .isInstanceOfSatisfying(
                            KeaUnreachableException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED_EARLY));
        }
    }

    @Test
    void daemonKeepingTheConnectionOpen_isReadUntilTheAnswerIsComplete() throws Exception {
        Path socket = dir.resolve("open.sock");
        try (ServerSocketChannel server = listen(socket)) {
            serve(
                    server,
                    "{ \"arguments\": { \"pid\": 42, \"uptime\": 7, \"reload\": 3 }, \"result\": 0 }",
                    false);

            KeaStatus status = client(socket, Duration.ofSeconds(5)).statusGet();

            assertThat(status.pid()).isEqualTo(42);
            assertThat(status.uptimeSeconds()).isEqualTo(7);
            assertThat(status.highAvailability()).isEmpty();
        }
    }

    @Test
    void answerThatIsNotJson_isMalformed() throws Exception {
        Path socket = dir.resolve("garbage.sock");
        try (ServerSocketChannel server = listen(socket)) {
            serve(server, "{ this is not json }", true);

            assertThatThrownBy(() -> client(socket, Duration.ofSeconds(5)).statusGet())
                    .isInstanceOf(KeaMalformedAnswerException.class);
        }
    }

    private static KeaControlClient client(Path socket, Duration timeout) {
        return new KeaControlClient(
                new UnixSocketChannel(socket, KeaControlClient.JSON), timeout, timeout);
    }

    private static ServerSocketChannel listen(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return server;
    }

    /**
     * Accepts one connection, reads the request, then writes {@code answer} (if any) and closes or
     * keeps the connection open until the test ends.
     */
    private static Thread serve(ServerSocketChannel server, String answer, boolean close)
            throws InterruptedException {
        CountDownLatch accepting = new CountDownLatch(1);
        Thread thread =
                new Thread(
                        () -> {
                            accepting.countDown();
                            try (SocketChannel connection = server.accept()) {
                                connection.read(ByteBuffer.allocate(4096));
                                if (answer != null) {
                                    connection.write(
                                            ByteBuffer.wrap(
                                                    answer.getBytes(StandardCharsets.UTF_8)));
                                }
                                if (!close) {
                                    Thread.sleep(10_000);
                                }
                            } catch (IOException | InterruptedException e) {
                                // the test is over
                            }
                        },
                        "fake-kea-socket");
        thread.setDaemon(true);
        thread.start();
        assertThat(accepting.await(5, TimeUnit.SECONDS)).isTrue();
        return thread;
    }

    @Test
    void socketPathIsADirectory_isAnIoErrorNamingThePath() throws IOException {
        Path notSocket = Files.createDirectory(dir.resolve("a-directory"));

        assertThatThrownBy(() -> client(notSocket, Duration.ofSeconds(1)).statusGet())
                .isInstanceOfSatisfying(
                        KeaUnreachableException.class,
                        e -> {
                            assertThat(e.reason()).isIn(Reason.REFUSED, Reason.IO_ERROR);
                            assertThat(e.getMessage()).contains("a-directory");
                        });
    }
}
