package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.BundleFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mounted hash dhcpd's agent shows in {@code /state} and the metrics: at 10,000 pools the
 * bundle is 2.8 MB, read and hashed on every {@code /state} before (docs/benchmarks.md §23); now it
 * is read again only when the mount changed.
 */
class DhcpdMountedHashTest {

    @TempDir Path dir;

    private DhcpdPeerServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void unchangedMount_isNotReadAgain_aKubeletSwapOfDotDotData_is() throws IOException {
        Path mount = Files.createDirectories(dir.resolve("bundle"));
        version(mount, "..v1", "subnet 10.0.0.0 netmask 255.255.255.0 { }\n");
        Files.createSymbolicLink(mount.resolve("..data"), Path.of("..v1"));
        for (String name : BundleFiles.NAMES) {
            Files.createSymbolicLink(mount.resolve(name), Path.of("..data", name));
        }
        server = serverOn(mount);
        String v1 = BundleFiles.read(mount).orElseThrow().sha256();

        assertThat(server.mountedConfigHash()).contains(v1);

        // the same file, size and modification time with other bytes: a re-read would see them
        Path conf = mount.resolve("..v1").resolve(BundleFiles.NAMES.get(0));
        FileTime modified = Files.getLastModifiedTime(conf);
        Files.writeString(
                conf,
                "subnet 10.0.0.9 netmask 255.255.255.0 { }\n",
                StandardOpenOption.TRUNCATE_EXISTING);
        Files.setLastModifiedTime(conf, modified);
        assertThat(BundleFiles.read(mount).orElseThrow().sha256()).isNotEqualTo(v1);

        assertThat(server.mountedConfigHash()).as("not read again").contains(v1);

        version(mount, "..v2", "subnet 10.0.1.0 netmask 255.255.255.0 { }\n");
        Path swap = mount.resolve("..data_tmp");
        Files.createSymbolicLink(swap, Path.of("..v2"));
        Files.move(swap, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);

        assertThat(server.mountedConfigHash())
                .contains(BundleFiles.read(mount.resolve("..v2")).orElseThrow().sha256());
    }

    @Test
    void incompleteMount_isNoHash_untilTheLastFileArrives() throws IOException {
        Path mount = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(mount.resolve(BundleFiles.NAMES.get(0)), "# conf\n");
        Files.writeString(mount.resolve(BundleFiles.NAMES.get(1)), "# primary\n");
        server = serverOn(mount);

        assertThat(server.mountedConfigHash()).isEmpty();

        Files.writeString(mount.resolve(BundleFiles.NAMES.get(2)), "# secondary\n");

        assertThat(server.mountedConfigHash())
                .contains(BundleFiles.read(mount).orElseThrow().sha256());
    }

    private static void version(Path mount, String name, String config) throws IOException {
        Path version = Files.createDirectories(mount.resolve(name));
        Files.writeString(version.resolve(BundleFiles.NAMES.get(0)), config);
        Files.writeString(
                version.resolve(BundleFiles.NAMES.get(1)), "failover peer \"p\" { primary; }\n");
        Files.writeString(
                version.resolve(BundleFiles.NAMES.get(2)), "failover peer \"p\" { secondary; }\n");
    }

    /** dhcpd's agent on {@code mount}, created but not begun: nothing is started. */
    private DhcpdPeerServer serverOn(Path mount) {
        Map<String, String> settings = new HashMap<>();
        settings.put("netbox-dhcpd.agent.role", "secondary");
        settings.put("netbox-dhcpd.agent.config-dir", mount.toString());
        settings.put("netbox-dhcpd.agent.token-file", dir.resolve("token").toString());
        settings.put("netbox-dhcpd.omapi.key-file", dir.resolve("omapi.key").toString());
        settings.put("netbox-dhcpd.dhcpd.interface", "lo");
        settings.put("netbox-dhcpd.dhcpd.lease-file", dir.resolve("dhcpd.leases").toString());
        return DhcpdPeerServer.create(
                AgentSettingsFixture.load(settings), new SecretRedactor(), Clock.systemUTC());
    }
}
