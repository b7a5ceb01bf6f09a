package dk.npflan.dhcp.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which process is a leftover, with real namespaces (we are root): {@code ip netns exec} gives each
 * agent a mount namespace of its own, so a killed agent's server is never in the new agent's; what
 * tells our server from the other peer's is the network namespace and the files it runs on.
 */
class LeftoverServerNamespacesTest {

    @TempDir Path dir;
    private Path server;
    private List<String> arguments;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void aServerScript() throws IOException {
        server = dir.resolve("fake-dhcpd");
        Files.writeString(server, "#!/bin/sh\nsleep 600\n");
        Path config = Files.writeString(dir.resolve("dhcpd.conf"), "ours\n");
        Files.writeString(dir.resolve("other.conf"), "the other peer's\n");
        arguments = List.of("-cf", config.toString(), "-f");
    }

    @AfterEach
    void stopThem() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void inAnotherMountNamespace_onOurFiles_isALeftover() throws Exception {
        Process leftover = start("unshare", "--mount", "--propagation", "private", "/bin/sh");

        assertThat(found()).contains(leftover.pid());
    }

    @Test
    void inAnotherMountNamespace_whereThatPathIsAnotherFile_isNot() throws Exception {
        Process otherPeer =
                start(
                        "unshare",
                        "--mount",
                        "--propagation",
                        "private",
                        "/bin/sh",
                        "-c",
                        "mount --bind "
                                + dir.resolve("other.conf")
                                + " "
                                + arguments.get(1)
                                + " && exec /bin/sh \"$0\" \"$@\"");

        assertThat(found()).doesNotContain(otherPeer.pid());
    }

    @Test
    void inAnotherNetworkNamespace_isNot() throws Exception {
        Process otherPeer = start("unshare", "--net", "/bin/sh");

        assertThat(found()).doesNotContain(otherPeer.pid());
    }

    /** Starts {@code prefix server arguments} and waits until its process runs our command line. */
    private Process start(String... prefix) throws IOException {
        List<String> command = new ArrayList<>(Arrays.asList(prefix));
        command.add(server.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        List<String> serving =
                Stream.concat(Stream.of(server.toString()), arguments.stream()).toList();
        await("the server's own command line")
                .atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                process.info()
                                        .arguments()
                                        .map(Arrays::asList)
                                        .filter(serving::equals)
                                        .isPresent());
        return process;
    }

    private List<Long> found() {
        return LeftoverServer.find(server.toString(), arguments).stream()
                .map(ProcessHandle::pid)
                .toList();
    }
}
