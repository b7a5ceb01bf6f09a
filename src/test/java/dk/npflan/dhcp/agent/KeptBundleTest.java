package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.RenderedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptBundleTest {

    @TempDir Path dir;

    @Test
    void nothingKept_isEmpty() {
        assertThat(new KeptBundle(dir.resolve("kept"), BundleFiles.NAMES).read()).isEmpty();
    }

    @Test
    void keptAgain_readsTheNewOne_andOnlyItsVersionIsLeft_behindTheDataLink() throws Exception {
        KeptBundle kept = new KeptBundle(dir.resolve("kept"), BundleFiles.NAMES);
        RenderedConfig first = bundle("first");
        RenderedConfig second = bundle("second");

        kept.keep(first);
        kept.keep(second);

        assertThat(kept.read()).contains(second);
        assertThat(new KeptBundle(dir.resolve("kept"), BundleFiles.NAMES).read())
                .as("what a restarted agent reads")
                .contains(second);
        try (var entries = Files.list(dir.resolve("kept"))) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .hasSize(2)
                    .contains("..data")
                    .anySatisfy(
                            n -> assertThat(n).startsWith(".." + second.sha256().substring(0, 12)));
        }
        assertThat(Files.isSymbolicLink(dir.resolve("kept/..data"))).isTrue();
    }

    /** The watchdog test's three-file bundles. */
    private static RenderedConfig bundle(String marker) {
        return DhcpdWatchdogTest.bundle(marker);
    }
}
