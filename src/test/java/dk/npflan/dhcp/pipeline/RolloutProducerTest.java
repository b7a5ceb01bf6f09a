package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.rollout.local.DirectoryTarget;
import dk.npflan.dhcp.rollout.local.RolloutDirectorySettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutProducerTest {

    @TempDir Path dir;

    private static RolloutDirectorySettings settings(Map<String, String> values) {
        return CommandConfiguration.load(Map.of(), values, RolloutDirectorySettings.class)
                .getConfigMapping(RolloutDirectorySettings.class);
    }

    @Test
    void directoryTarget_withDirsAndBothAgents_publishesNothingYetAndNamesBothPeers() {
        RolloutDirectorySettings settings =
                settings(
                        Map.of(
                                "netbox-dhcpd.rollout.directory.config-dirs",
                                dir.resolve("a") + "," + dir.resolve("b"),
                                "netbox-dhcpd.rollout.directory.state-dir",
                                dir.resolve("state").toString(),
                                "netbox-dhcpd.rollout.directory.primary-agent",
                                "http://127.0.0.1:1",
                                "netbox-dhcpd.rollout.directory.secondary-agent",
                                "http://127.0.0.1:2"));

        DirectoryTarget target =
                RolloutProducer.directoryTarget(
                        settings, 5, dk.npflan.dhcp.config.BundleFiles.NAMES);

        assertThat(target.published()).isEmpty();
        assertThat(target.peer(dk.npflan.dhcp.config.PeerRole.SECONDARY).role())
                .isEqualTo(dk.npflan.dhcp.config.PeerRole.SECONDARY);
    }

    @Test
    void directoryTarget_withoutTheSecondaryAgent_namesThePropertyAndItsEnvVar() {
        RolloutDirectorySettings settings =
                settings(
                        Map.of(
                                "netbox-dhcpd.rollout.directory.config-dirs",
                                dir.toString(),
                                "netbox-dhcpd.rollout.directory.primary-agent",
                                "http://127.0.0.1:1"));

        assertThatThrownBy(
                        () ->
                                RolloutProducer.directoryTarget(
                                        settings, 5, dk.npflan.dhcp.config.BundleFiles.NAMES))
                .hasMessageContaining("netbox-dhcpd.rollout.directory.secondary-agent")
                .hasMessageContaining("NETBOX_DHCPD_ROLLOUT_DIRECTORY_SECONDARY_AGENT");
    }
}
