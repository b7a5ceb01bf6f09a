package dk.npflan.dhcp.dhcpd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseFileTest {

    @TempDir Path dir;

    @Test
    void missingLeaseFile_isCreatedEmptyWithItsDirectory() throws IOException {
        Path leases = dir.resolve("data/dhcpd.leases");

        assertThat(LeaseFile.ensureExists(leases)).isEqualTo(LeaseFile.Presence.CREATED);

        assertThat(leases).exists().isEmptyFile();
    }

    @Test
    void existingLeaseFile_isLeftByteForByte() throws IOException {
        Path leases = dir.resolve("dhcpd.leases");
        String content =
                "failover peer \"failover-partner\" state {\n  my state normal at 6 2026/11/28 03:40:00;\n}\n";
        Files.writeString(leases, content);

        assertThat(LeaseFile.ensureExists(leases)).isEqualTo(LeaseFile.Presence.EXISTED);

        assertThat(leases).hasContent(content);
    }
}
