package dk.npflan.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleFilesTest {

    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("dhcpd.conf", "authoritative;\n");
        FILES.put("dhcpd.failover.primary", "failover peer \"p\" { primary; }\n");
        FILES.put("dhcpd.failover.secondary", "failover peer \"p\" { secondary; }\n");
    }

    @TempDir Path dir;

    @Test
    void plainFiles_hashAsPublished() throws IOException {
        write(dir, false);

        assertThat(BundleFiles.read(dir)).contains(RenderedConfig.of(FILES));
    }

    @Test
    void gzipFiles_sameHashAsPlain() throws IOException {
        write(dir, true);

        assertThat(BundleFiles.read(dir).orElseThrow().sha256())
                .isEqualTo(RenderedConfig.of(FILES).sha256());
    }

    @Test
    void oneFileMissing_empty() throws IOException {
        write(dir, false);
        Files.delete(dir.resolve("dhcpd.failover.secondary"));

        assertThat(BundleFiles.read(dir)).isEmpty();
    }

    @Test
    void kubeletProjection_readThroughTheDataSymlink() throws IOException {
        Path version = Files.createDirectories(dir.resolve("..2026_12_01_07_00_00.1"));
        write(version, false);
        Files.createSymbolicLink(dir.resolve("..data"), version.getFileName());
        for (String name : FILES.keySet()) {
            Files.createSymbolicLink(dir.resolve(name), Path.of("..data", name));
        }

        assertThat(BundleFiles.read(dir)).contains(RenderedConfig.of(FILES));
    }

    @Test
    void fileOrderIsFixed_notTheDirectoryOrder() throws IOException {
        write(dir, false);
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("dhcpd.failover.secondary", FILES.get("dhcpd.failover.secondary"));
        reversed.put("dhcpd.failover.primary", FILES.get("dhcpd.failover.primary"));
        reversed.put("dhcpd.conf", FILES.get("dhcpd.conf"));

        assertThat(BundleFiles.read(dir).orElseThrow().sha256())
                .isNotEqualTo(RenderedConfig.of(reversed).sha256())
                .isEqualTo(RenderedConfig.of(FILES).sha256());
    }

    private static void write(Path dir, boolean gzip) throws IOException {
        for (Map.Entry<String, String> file : FILES.entrySet()) {
            byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
            if (gzip) {
                try (OutputStream out =
                        new GZIPOutputStream(
                                Files.newOutputStream(dir.resolve(file.getKey() + ".gz")))) {
                    out.write(bytes);
                }
            } else {
                Files.write(dir.resolve(file.getKey()), bytes);
            }
        }
    }
}
