package dk.npflan.dhcp.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.RenderedConfig;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfigMapBundleTest {

    private static RenderedConfig ofConfigBytes(int bytes) {
        RenderedConfig sized = TestBundles.of("");
        int others = sized.files().values().stream().mapToInt(String::length).sum();
        return TestBundles.of("#".repeat(bytes - others));
    }

    @Test
    void exactly512KiB_staysInData() {
        ConfigMapBundle content =
                ConfigMapBundle.encode(ofConfigBytes(512 * 1024), BundleFiles.NAMES);

        assertThat(content.compressed()).isFalse();
        assertThat(content.data()).containsOnlyKeys(BundleFiles.NAMES);
    }

    @Test
    void oneByteOver512KiB_goesGzippedToBinaryData() {
        RenderedConfig bundle = ofConfigBytes(512 * 1024 + 1);

        ConfigMapBundle content = ConfigMapBundle.encode(bundle, BundleFiles.NAMES);

        assertThat(content.compressed()).isTrue();
        assertThat(content.data()).isEmpty();
        assertThat(content.storedBytes()).isLessThan(10_000);
        assertThat(ConfigMapBundle.decode(content.data(), content.binaryData(), BundleFiles.NAMES))
                .map(RenderedConfig::sha256)
                .contains(bundle.sha256());
    }

    @Test
    void gzipIsDeterministic_republishingTheSameBundleChangesNoByte() {
        RenderedConfig big = TestBundles.pools(3_000);

        assertThat(ConfigMapBundle.encode(big, BundleFiles.NAMES))
                .isEqualTo(ConfigMapBundle.encode(big, BundleFiles.NAMES));
    }

    @Test
    void incompressibleBundleOverOneMebibyte_isRefusedWithHashAndSizes() {
        Random random = new Random(7);
        StringBuilder noise = new StringBuilder();
        while (noise.length() < 1_600_000) {
            noise.append((char) ('!' + random.nextInt(90)));
        }
        RenderedConfig bundle = TestBundles.of(noise.toString());

        assertThatThrownBy(() -> ConfigMapBundle.encode(bundle, BundleFiles.NAMES))
                .isInstanceOf(BundleTooLargeException.class)
                .hasMessageContaining(bundle.sha256())
                .hasMessageContaining("gzipped")
                .hasMessageContaining("1048576");
    }

    @Test
    void decode_missingFile_isEmpty() {
        assertThat(ConfigMapBundle.decode(Map.of("dhcpd.conf", "x"), null, BundleFiles.NAMES))
                .isEmpty();
        assertThat(ConfigMapBundle.decode(null, null, BundleFiles.NAMES)).isEmpty();
    }

    @Test
    void encode_bundleWithOtherFiles_isRefused() {
        assertThatThrownBy(
                        () ->
                                ConfigMapBundle.encode(
                                        RenderedConfig.of(Map.of("x.conf", "")), BundleFiles.NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dhcpd.conf");
    }
}
