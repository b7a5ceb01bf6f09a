package dk.npflan.dhcp.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverServerTest {

    /**
     * A server that ignores SIGTERM (as one stuck in a lease-file write does): only SIGKILL ends
     * it.
     */
    private static final String DEAF_SERVER =
            """
            #!/bin/sh
            trap '' TERM
            touch "$(dirname "$0")/ready"
            while :; do sleep 0.2; done
            """;

    @TempDir Path dir;

    private static final List<String> SERVE =
            List.of(
                    "-4",
                    "-f",
                    "-d",
                    "-cf",
                    "/run/p/dhcpd.conf",
                    "-lf",
                    "/var/p.leases",
                    "--no-pid");

    private static boolean runs(String executable, String... arguments) {
        return LeftoverServer.runs(
                Optional.of(executable), Optional.of(arguments), "/usr/sbin/dhcpd", SERVE);
    }

    @Test
    void sameProgramAndArguments_isALeftover() {
        assertThat(runs("/usr/sbin/dhcpd", SERVE.toArray(String[]::new))).isTrue();
    }

    @Test
    void aScriptOfThatName_isALeftover() {
        String[] withScript =
                Stream.concat(Stream.of("/opt/dhcpd"), SERVE.stream()).toArray(String[]::new);
        assertThat(runs("/usr/bin/dash", withScript)).isTrue();
    }

    @Test
    void theOtherPeersLeaseFile_aCheck_orAnotherProgram_areNot() {
        assertThat(
                        runs(
                                "/usr/sbin/dhcpd",
                                "-4",
                                "-f",
                                "-d",
                                "-cf",
                                "/run/s/dhcpd.conf",
                                "-lf",
                                "/var/s.leases",
                                "--no-pid"))
                .isFalse();
        assertThat(runs("/usr/sbin/dhcpd", "-t", "-cf", "/run/p/dhcpd.conf")).isFalse();
        assertThat(runs("/usr/bin/strace", SERVE.toArray(String[]::new))).isFalse();
        assertThat(
                        LeftoverServer.runs(
                                Optional.of("/usr/sbin/dhcpd"),
                                Optional.empty(),
                                "/usr/sbin/dhcpd",
                                SERVE))
                .as("arguments unreadable (another user's process)")
                .isFalse();
    }

    @Test
    void aLeftoverThatIgnoresSigterm_isGoneWhenStopAllReturns() throws Exception {
        Path script = dir.resolve("fake-dhcpd");
        Files.writeString(script, DEAF_SERVER);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        // a leftover runs on our files: the config must exist for it to be ours
        Path config = Files.writeString(dir.resolve("dhcpd.conf"), "ours\n");
        List<String> arguments = List.of("-cf", config.toString());
        Process leftover =
                new ProcessBuilder(
                                Stream.concat(Stream.of(script.toString()), arguments.stream())
                                        .toList())
                        .start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("ready")));
            assertThat(LeftoverServer.find(script.toString(), arguments))
                    .extracting(ProcessHandle::pid)
                    .containsExactly(leftover.pid());

            LeftoverServer.stopAll(script.toString(), arguments, Duration.ofMillis(300));

            // no wait here: stopAll itself waits until the SIGKILLed process has exited
            assertThat(ProcessHandle.of(leftover.pid()).filter(ProcessHandle::isAlive))
                    .as("the leftover, SIGKILLed after ignoring SIGTERM, has exited")
                    .isEmpty();
            assertThat(LeftoverServer.find(script.toString(), arguments)).isEmpty();
        } finally {
            leftover.destroyForcibly();
        }
    }
}
