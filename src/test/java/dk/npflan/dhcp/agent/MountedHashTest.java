package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.RenderedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountedHashTest {

    private static final List<String> NAMES =
            List.of("kea-dhcp4.primary.json", "kea-dhcp4.secondary.json");

    @TempDir Path dir;

    private final AtomicInteger reads = new AtomicInteger();

    private MountedHash hashOf(Path mount) {
        Supplier<Optional<RenderedConfig>> read =
                () -> {
                    reads.incrementAndGet();
                    return BundleFiles.read(mount, NAMES);
                };
        return new MountedHash(mount, NAMES, read);
    }

    private void write(Path target, String primary, String secondary) throws IOException {
        Files.createDirectories(target);
        // as the local target and a kubelet do: a new file renamed over the old one
        for (var file : List.of(file(NAMES.get(0), primary), file(NAMES.get(1), secondary))) {
            Path next = target.resolve(file[0] + ".next");
            Files.writeString(next, file[1]);
            Files.move(next, target.resolve(file[0]), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String[] file(String name, String content) {
        return new String[] {name, content};
    }

    private static String sha(Path mount) {
        return BundleFiles.read(mount, NAMES).orElseThrow().sha256();
    }

    @Test
    void unchangedFiles_areReadOnce_theHashIsTheBundlesHash() throws IOException {
        write(dir, "{\"Dhcp4\":1}", "{\"Dhcp4\":2}");
        MountedHash hash = hashOf(dir);

        assertThat(hash.get()).contains(sha(dir));
        assertThat(hash.get()).contains(sha(dir));
        assertThat(reads).hasValue(1);
    }

    @Test
    void aReplacedFile_isReadAgain_andGivesTheNewHash() throws IOException {
        write(dir, "{\"Dhcp4\":1}", "{\"Dhcp4\":2}");
        MountedHash hash = hashOf(dir);
        String before = hash.get().orElseThrow();

        write(dir, "{\"Dhcp4\":1}", "{\"Dhcp4\":3}");

        assertThat(hash.get()).contains(sha(dir)).isNotEqualTo(Optional.of(before));
        assertThat(reads).hasValue(2);
    }

    @Test
    void aMissingFile_isEmpty_untilItArrives() throws IOException {
        Files.writeString(dir.resolve(NAMES.get(0)), "{\"Dhcp4\":1}");
        MountedHash hash = hashOf(dir);

        assertThat(hash.get()).isEmpty();

        Files.writeString(dir.resolve(NAMES.get(1)), "{\"Dhcp4\":2}");

        assertThat(hash.get()).contains(sha(dir));
    }

    @Test
    void aConfigMapSwapOfDotDotData_givesTheNewVersionsHash() throws IOException {
        Path mount = Files.createDirectories(dir.resolve("mount"));
        write(mount.resolve("..v1"), "{\"Dhcp4\":1}", "{\"Dhcp4\":2}");
        write(mount.resolve("..v2"), "{\"Dhcp4\":1}", "{\"Dhcp4\":9}");
        Files.createSymbolicLink(mount.resolve("..data"), Path.of("..v1"));
        for (String name : NAMES) {
            Files.createSymbolicLink(mount.resolve(name), Path.of("..data", name));
        }
        MountedHash hash = hashOf(mount);
        String v1 = hash.get().orElseThrow();

        Path swap = mount.resolve("..data_tmp");
        Files.createSymbolicLink(swap, Path.of("..v2"));
        Files.move(swap, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);

        assertThat(hash.get()).contains(sha(mount.resolve("..v2"))).isNotEqualTo(Optional.of(v1));
    }
}
