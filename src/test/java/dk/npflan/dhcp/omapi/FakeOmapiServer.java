package dk.npflan.dhcp.omapi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on 127.0.0.1 that plays one scripted behaviour per connection: silence, garbage, a
 * half message, a correct OMAPI conversation. Lets the failure paths of {@link OmapiClient} be
 * tested without a dhcpd that would never misbehave on purpose.
 */
final class FakeOmapiServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    interface Behaviour {
        void serve(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    FakeOmapiServer(Behaviour behaviour) throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptor =
                new Thread(
                        () -> {
                            while (!server.isClosed()) {
                                try {
                                    Socket socket = server.accept();
                                    accepted.add(socket);
                                    Thread worker =
                                            new Thread(
                                                    () -> {
                                                        try {
                                                            behaviour.serve(socket);
                                                        } catch (Exception e) {
                                                            // the client hung up or the test is
                                                            // over
                                                        }
                                                    },
                                                    "fake-omapi-conn");
                                    worker.setDaemon(true);
                                    worker.start();
                                } catch (IOException e) {
                                    return;
                                }
                            }
                        },
                        "fake-omapi-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
