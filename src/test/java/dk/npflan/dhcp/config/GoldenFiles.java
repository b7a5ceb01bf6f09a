package dk.npflan.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Compares rendered files with the expected ones in {@code src/test/resources/golden/<case>/}. Run
 * with {@code -Dgolden.update=true} once to (re)write them after an intended change, then review
 * the diff.
 */
public final class GoldenFiles {

    private static final Path ROOT = Path.of("src/test/resources/golden");

    private GoldenFiles() {}

    public static void assertMatches(String name, RenderedConfig rendered) {
        Path dir = ROOT.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(dir);
                for (Map.Entry<String, String> file : rendered.files().entrySet()) {
                    Files.writeString(
                            dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
                }
                Files.writeString(
                        dir.resolve("sha256"), rendered.sha256() + "\n", StandardCharsets.UTF_8);
            }
            for (Map.Entry<String, String> file : rendered.files().entrySet()) {
                assertThat(file.getValue())
                        .as("golden %s/%s", name, file.getKey())
                        .isEqualTo(
                                Files.readString(
                                        dir.resolve(file.getKey()), StandardCharsets.UTF_8));
            }
            assertThat(rendered.sha256() + "\n")
                    .as("golden %s/sha256", name)
                    .isEqualTo(Files.readString(dir.resolve("sha256"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
