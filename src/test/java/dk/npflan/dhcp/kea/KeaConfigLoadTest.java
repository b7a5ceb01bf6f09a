package dk.npflan.dhcp.kea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.InventoryFixture;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.ServerModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kea-dhcp4 -t} does not run the hooks' own parameter checks, so this starts a real
 * kea-dhcp4 on each role's rendered seed config and reads its log: the HA hook must configure
 * itself and the server must start. Kept off the network: the only interface is {@code lo} (Kea
 * opens no DHCP socket there), non-standard ports, and peer URLs on closed local ports, so it never
 * talks HA to another server on this machine.
 */
@Tag("kea")
class KeaConfigLoadTest {

    @TempDir Path dir;

    @Test
    void seedConfigOfEachRole_isLoadedByARealKeaDhcp4_withItsHaHookConfigured() throws Exception {
        KeaSettings settings =
                KeaTestSettings.kea(
                        Map.of(
                                "netbox-dhcpd.kea.interfaces", "lo",
                                "netbox-dhcpd.kea.control-socket", dir + "/kea4.sock",
                                "netbox-dhcpd.kea.lease-file.path", dir + "/leases4.csv",
                                "netbox-dhcpd.kea.peers.primary.url", "http://127.0.0.1:9/",
                                "netbox-dhcpd.kea.peers.secondary.url", "http://127.0.0.1:7/"));
        ServerModel model =
                InventoryFixture.build("seed-npflan.json", TestSettings.dhcpd()).model();
        RenderedConfig rendered = new KeaConfigRenderer(settings).render(model);

        for (PeerRole role : PeerRole.values()) {
            String log = start(settings, rendered, role);

            assertThat(log)
                    .as(role.keyword())
                    .contains("HA_CONFIGURATION_SUCCESSFUL")
                    .contains(
                            "HA_SERVICE_STARTED started high availability service in hot-standby mode as "
                                    + HaMode.HOT_STANDBY.role(role)
                                    + " server")
                    .contains("DHCP4_STARTED")
                    .doesNotContain(" ERROR ")
                    .doesNotContain(" FATAL ");
        }
    }

    /** Runs kea-dhcp4 on one role's file until it logs that it started; returns its log. */
    private String start(KeaSettings settings, RenderedConfig rendered, PeerRole role)
            throws IOException, InterruptedException {
        Path file = dir.resolve(KeaConfigRenderer.fileName(role));
        Files.writeString(file, rendered.files().get(file.getFileName().toString()));
        Path log = dir.resolve(role.keyword() + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(
                                List.of(
                                        settings.binary(),
                                        "-p",
                                        "10967",
                                        "-P",
                                        "10968",
                                        "-c",
                                        file.toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        builder.environment().put("KEA_PIDFILE_DIR", dir.toString());
        builder.environment().put("KEA_LOCKFILE_DIR", dir.toString());
        Process kea = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !kea.isAlive() || read(log).contains("DHCP4_STARTED"));
        } finally {
            kea.destroy();
            if (!kea.waitFor(10, TimeUnit.SECONDS)) {
                kea.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        return read(log);
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
