package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryFileWatchTest {

    @TempDir Path dir;

    private final AtomicInteger reconciles = new AtomicInteger();

    private InventoryFileWatch watching(Path file) {
        InventoryFileWatch watch =
                new InventoryFileWatch(Optional.of(file), reconciles::incrementAndGet);
        watch.onStart(null);
        return watch;
    }

    @Test
    void unchangedFile_neverReconciles() throws Exception {
        Path file = Files.writeString(dir.resolve("inventory.json"), "{}");
        InventoryFileWatch watch = watching(file);

        watch.poll();
        watch.poll();
        watch.poll();

        assertThat(reconciles).hasValue(0);
    }

    @Test
    void savedChange_reconcilesOnceAfterItStayedTheSameForOnePoll() throws Exception {
        Path file = Files.writeString(dir.resolve("inventory.json"), "{}");
        InventoryFileWatch watch = watching(file);

        Files.writeString(file, "{\"prefixes\": []}");
        watch.poll();
        assertThat(reconciles).as("the first poll that sees it: maybe half written").hasValue(0);
        watch.poll();
        assertThat(reconciles).hasValue(1);
        watch.poll();
        watch.poll();
        assertThat(reconciles).hasValue(1);
    }

    @Test
    void fileStillBeingWritten_waitsUntilItSettles() throws Exception {
        Path file = Files.writeString(dir.resolve("inventory.json"), "{}");
        InventoryFileWatch watch = watching(file);

        for (int i = 0; i < 4; i++) {
            Files.writeString(file, "{\"prefixes\": [" + "1,".repeat(i) + "0]}");
            watch.poll();
        }
        assertThat(reconciles).hasValue(0);
        watch.poll();
        assertThat(reconciles).hasValue(1);
    }

    @Test
    void editorSavingByRename_sameSizeAndTime_isAChange() throws Exception {
        Path file = Files.writeString(dir.resolve("inventory.json"), "{\"a\": 1}");
        FileTime time = Files.getLastModifiedTime(file);
        InventoryFileWatch watch = watching(file);

        Path swap = Files.writeString(dir.resolve(".inventory.json.swp"), "{\"a\": 2}");
        Files.setLastModifiedTime(swap, time);
        Files.move(swap, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        watch.poll();
        watch.poll();

        assertThat(reconciles).as("a new inode").hasValue(1);
    }

    @Test
    void deletedFile_isAChangeToo_theReconcileThenSaysItIsMissing() throws Exception {
        Path file = Files.writeString(dir.resolve("inventory.json"), "{}");
        InventoryFileWatch watch = watching(file);

        Files.delete(file);
        watch.poll();
        watch.poll();

        assertThat(reconciles).hasValue(1);
    }

    @Test
    void netBoxIsTheSource_nothingIsWatched() throws Exception {
        Path file = Files.writeString(dir.resolve("inventory.json"), "{}");
        InventoryFileWatch watch =
                new InventoryFileWatch(Optional.empty(), reconciles::incrementAndGet);
        watch.onStart(null);

        Files.writeString(file, "{\"changed\": true}");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        watch.poll();
        watch.poll();

        assertThat(reconciles).hasValue(0);
    }
}
