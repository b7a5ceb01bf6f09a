package dk.npflan.dhcp.rollout.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new {@code serve} finds in the run directory decides whether it adopts the pair an earlier
 * one left: the refusals here need no root (the adoption itself runs in {@code EmbeddedServeIT}).
 */
class LocalPairAdoptionTest {

    @TempDir Path root;

    @Test
    void runDirectoryWithoutARecord_nothingToAdopt() {
        assertThat(LocalPair.adopt(EmbeddedPair.LAYOUT, root)).isEmpty();
    }

    @Test
    void recordedAgentsNoLongerRun_notAdoptedAndTheFilesLeftAlone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        RunFiles.createDirectory(root.resolve("secret"));
        RunFiles.write(root.resolve("secret/token"), "t\n");
        RunFiles.write(root.resolve("secret/omapi.key"), "key\n");
        RunFiles.writePids(
                root.resolve("pids.properties"),
                Map.of("primary-agent", gone.pid(), "secondary-agent", gone.pid()));

        assertThat(LocalPair.adopt(EmbeddedPair.LAYOUT, root)).isEmpty();
        assertThat(root.resolve("secret/token")).hasContent("t");
        assertThat(RunFiles.readPids(root.resolve("pids.properties")))
                .containsEntry("primary-agent", gone.pid());
    }

    @Test
    void runFiles_areOwnerOnlyFromTheStart_andPidsRoundTrip() throws Exception {
        Path dir = root.resolve("secret");
        RunFiles.createDirectory(dir);
        RunFiles.write(dir.resolve("token"), "secret-token\n");
        RunFiles.writePids(dir.resolve("pids.properties"), Map.of("relay", 4242L));

        assertThat(Files.getPosixFilePermissions(dir))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("token")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("pids.properties")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(RunFiles.readPids(dir.resolve("pids.properties")))
                .isEqualTo(Map.of("relay", 4242L));
        assertThat(RunFiles.running(Map.of("self", ProcessHandle.current().pid()), "self"))
                .isPresent();
        assertThat(RunFiles.running(Map.of(), "relay")).isEmpty();
    }
}
