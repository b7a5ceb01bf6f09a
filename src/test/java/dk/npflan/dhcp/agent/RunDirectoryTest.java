package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.omapi.OmapiKey;
import dk.npflan.dhcp.omapi.OmapiKeyFileParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir Path dir;

    @Test
    void write_confUnchanged_roleFailoverFile_keyUnderTheConfigsName_mode0600() throws Exception {
        RunDirectory run =
                new RunDirectory(
                        dir,
                        dir.resolve("failover/dhcpd.failover"),
                        dir.resolve("omapi/omapi.key"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("dhcpd.conf", "omapi-key omapi_key;\n");
        files.put("dhcpd.failover.primary", "primary;\n");
        files.put("dhcpd.failover.secondary", "secondary;\n");
        OmapiKey secretKey =
                new OmapiKey(
                        "name-in-the-secret",
                        "sixteen-byte-key".getBytes(StandardCharsets.US_ASCII));

        run.write(RenderedConfig.of(files), PeerRole.SECONDARY, secretKey, "omapi_key");

        assertThat(Files.readString(dir.resolve("dhcpd.conf"))).isEqualTo("omapi-key omapi_key;\n");
        assertThat(Files.readString(dir.resolve("failover/dhcpd.failover")))
                .isEqualTo("secondary;\n");
        Path key = dir.resolve("omapi/omapi.key");
        OmapiKey written = OmapiKeyFileParser.read(key);
        assertThat(written.name()).isEqualTo("omapi_key");
        assertThat(written.secret()).isEqualTo(secretKey.secret());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        try (var left = Files.walk(dir)) {
            assertThat(left.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void includeOutsideTheRunDirectory_rejected() {
        assertThatThrownBy(
                        () ->
                                new RunDirectory(
                                        dir,
                                        Path.of("/etc/elsewhere/dhcpd.failover"),
                                        dir.resolve("omapi.key")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inside the run directory");
    }
}
