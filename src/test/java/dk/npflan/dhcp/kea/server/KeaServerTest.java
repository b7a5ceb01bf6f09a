package dk.npflan.dhcp.kea.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.kea.control.ConfigVerdict;
import dk.npflan.dhcp.kea.control.HaHeartbeat;
import dk.npflan.dhcp.kea.control.Health;
import dk.npflan.dhcp.kea.control.KeaCommandException;
import dk.npflan.dhcp.kea.control.KeaControlClient;
import dk.npflan.dhcp.kea.control.KeaHaState;
import dk.npflan.dhcp.kea.control.KeaResult;
import dk.npflan.dhcp.kea.control.KeaStatus;
import dk.npflan.dhcp.kea.control.RunningConfig;
import dk.npflan.dhcp.kea.control.SubnetStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kea-dhcp4 2.2 under {@link KeaServer}: one server on {@code lo} in a temp directory,
 * driven over its real unix control socket.
 */
@Tag("kea")
class KeaServerTest {

    @TempDir Path dir;

    private KeaLab lab;
    private KeaServer server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    private KeaServer started(ObjectNode dhcp4) throws InterruptedException {
        lab = new KeaLab(dir);
        lab.writeConfig(dhcp4);
        server = lab.server();
        KeaStart start = server.start();
        assertThat(start)
                .as(String.join("\n", server.logLines()))
                .isInstanceOf(KeaStart.Serving.class);
        return server;
    }

    @Test
    void start_answersStatusGetWithItsOwnPid_andStopLeavesNoProcess() throws Exception {
        KeaServer kea = started(KeaLab.withSubnet(new KeaLab(dir).dhcp4(), 1, 10));
        long pid = kea.pid().orElseThrow();

        KeaStatus status = kea.control().statusGet();

        assertThat(status.pid()).isEqualTo(pid);
        assertThat(status.highAvailability()).as("no HA hook loaded").isEmpty();
        assertThat(status.localHaState()).isEmpty();
        assertThat(dir.resolve("run/kea-dhcp4.kea-dhcp4.pid"))
                .as("pid file in the run dir")
                .exists();

        KeaStop stop = kea.stop();

        assertThat(stop.how()).isEqualTo(KeaStop.How.SHUTDOWN_COMMAND);
        assertThat(stop.exitCode()).hasValue(0);
        assertThat(kea.pid()).isEmpty();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .isNotEqualTo(Optional.of(true));
        assertThat(kea.stop().how()).isEqualTo(KeaStop.How.NOT_RUNNING);
    }

    @Test
    void socketGone_stopFallsBackToSigterm_andNoProcessIsLeft() throws Exception {
        KeaServer kea = started(KeaLab.withSubnet(new KeaLab(dir).dhcp4(), 1, 10));
        long pid = kea.pid().orElseThrow();
        Files.delete(lab.socket);

        KeaStop stop = kea.stop();

        assertThat(stop.how()).isEqualTo(KeaStop.How.SIGTERM);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(kea.exitCode()).isPresent();
    }

    @Test
    void duplicateSubnet_isRejectedByConfigTest_andTheOldConfigStillServes() throws Exception {
        KeaServer kea = started(KeaLab.withSubnet(new KeaLab(dir).dhcp4(), 1, 10));
        ObjectNode duplicate = KeaLab.withSubnet(lab.dhcp4(), 1, 10);
        ObjectNode copy = ((ObjectNode) duplicate.get("subnet4").get(0)).deepCopy().put("id", 2);
        ((ArrayNode) duplicate.get("subnet4")).add(copy);

        ApplyResult result = kea.apply(duplicate);

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.REJECTED);
        assertThat(result.text()).contains("already exists").contains(KeaLab.prefix(1));
        assertThat(result.set()).isZero();
        RunningConfig running = kea.control().configGet();
        assertThat(running.subnets()).extracting(RunningConfig.Subnet4::id).containsExactly(1L);
        assertThat(running.hash()).as("Kea 2.2 reports no config hash").isEmpty();
    }

    @Test
    void newSubnet_isApplied_configGetShowsIt_theFileHasIt_andStatisticsCountItsPool()
            throws Exception {
        KeaServer kea = started(KeaLab.withSubnet(new KeaLab(dir).dhcp4(), 1, 10));
        ObjectNode next = KeaLab.withSubnet(KeaLab.withSubnet(lab.dhcp4(), 1, 10), 7, 25);

        ApplyResult result = kea.apply(next);

        assertThat(result.outcome()).as(result.text()).isEqualTo(ApplyResult.Outcome.APPLIED);
        assertThat(result.identical()).isFalse();
        assertThat(result.text()).isEqualTo("Configuration successful.");
        RunningConfig running = kea.control().configGet();
        assertThat(running.subnet(KeaLab.prefix(7)))
                .hasValueSatisfying(
                        s -> {
                            assertThat(s.id()).isEqualTo(7);
                            assertThat(s.pools())
                                    .extracting(RunningConfig.Pool::pool)
                                    .containsExactly("10.0.7.10-10.0.7.34");
                        });
        assertThat(Files.readString(lab.configFile)).contains("\"10.0.7.0/24\"");
        assertThat(kea.control().statisticGetAll())
                .contains(new SubnetStatistics(1, 10, 0, 0), new SubnetStatistics(7, 25, 0, 0));
    }

    @Test
    void sameConfigTwice_isAppliedBothTimes_theSecondReportedIdentical() throws Exception {
        KeaServer kea = started(KeaLab.withSubnet(new KeaLab(dir).dhcp4(), 1, 10));
        ObjectNode next = KeaLab.withSubnet(KeaLab.withSubnet(lab.dhcp4(), 1, 10), 2, 10);

        ApplyResult first = kea.apply(next);
        ApplyResult second = kea.apply(next.deepCopy());

        assertThat(first.outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
        assertThat(first.identical()).isFalse();
        assertThat(second.outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
        assertThat(second.identical()).isTrue();
        assertThat(kea.control().statusGet().secondsSinceReload())
                .as("Kea reloads even an identical config")
                .isLessThanOrEqualTo(kea.control().statusGet().uptimeSeconds());
    }

    @Test
    void leaseDatabaseThatCannotOpen_passesConfigTestButFailsConfigSet_oldConfigServes()
            throws Exception {
        KeaServer kea = started(KeaLab.withSubnet(new KeaLab(dir).dhcp4(), 1, 10));
        ObjectNode broken = KeaLab.withSubnet(KeaLab.withSubnet(lab.dhcp4(), 1, 10), 2, 10);
        ((ObjectNode) broken.get("lease-database"))
                .put("name", dir.resolve("no-such-dir/leases4.csv").toString());

        ApplyResult result = kea.apply(broken);

        assertThat(result.outcome()).as(result.text()).isEqualTo(ApplyResult.Outcome.SET_FAILED);
        assertThat(result.text()).contains("Unable to open database");
        assertThat(result.lostCommands()).isEmpty();
        assertThat(result.write()).isZero();
        RunningConfig running = kea.control().configGet();
        assertThat(running.subnets()).extracting(RunningConfig.Subnet4::id).containsExactly(1L);
        assertThat(running.dhcp4().at("/lease-database/name").asText())
                .isEqualTo(dir.resolve("leases4.csv").toString());
    }

    @Test
    void haParametersThatFailAtConfigSet_leaveTheServerWithoutItsHaHook() throws Exception {
        int partner = KeaLab.freeTcpPort();
        KeaServer kea =
                started(
                        KeaLab.withHaPartnerAbsent(
                                KeaLab.withSubnet(new KeaLab(dir).dhcp4(), 1, 10),
                                "primary",
                                partner));
        assertThat(kea.control().listCommands()).contains("ha-heartbeat");
        ObjectNode unknownServer =
                KeaLab.withHaPartnerAbsent(
                        KeaLab.withSubnet(lab.dhcp4(), 1, 10), "nobody", partner);

        ApplyResult result = kea.apply(unknownServer);

        assertThat(kea.control().configTest(unknownServer))
                .as("config-test does not run the HA hook's own checks")
                .isInstanceOf(ConfigVerdict.Accepted.class);
        assertThat(result.outcome())
                .as(result.text())
                .isEqualTo(ApplyResult.Outcome.SET_FAILED_DEGRADED);
        assertThat(result.text()).contains("hook libraries failed to load");
        assertThat(result.lostCommands()).contains("ha-heartbeat", "ha-maintenance-start");
        assertThatThrownBy(() -> kea.control().haHeartbeat())
                .isInstanceOfSatisfying(
                        KeaCommandException.class,
                        e -> assertThat(e.result()).isEqualTo(KeaResult.UNSUPPORTED));
        assertThat(kea.control().configGet().subnets()).hasSize(1);
    }

    @Test
    void unwritableTarget_isWriteFailed_theNewConfigServesAnyway() throws Exception {
        KeaServer kea = started(KeaLab.withSubnet(new KeaLab(dir).dhcp4(), 1, 10));
        ObjectNode next = KeaLab.withSubnet(KeaLab.withSubnet(lab.dhcp4(), 1, 10), 3, 10);

        ApplyResult result = kea.apply(next, dir.resolve("no-such-dir/kea.conf"));

        assertThat(result.outcome()).as(result.text()).isEqualTo(ApplyResult.Outcome.WRITE_FAILED);
        assertThat(kea.control().configGet().subnet(KeaLab.prefix(3))).isPresent();
    }

    @Test
    void haPartnerAbsent_statusGetAndHeartbeatReportPartnerDown_maintenanceCancelIsAnError()
            throws Exception {
        KeaServer kea =
                started(
                        KeaLab.withHaPartnerAbsent(
                                KeaLab.withSubnet(new KeaLab(dir).dhcp4(), 1, 10),
                                "primary",
                                KeaLab.freeTcpPort()));
        KeaControlClient control = kea.control();

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () ->
                                assertThat(control.statusGet().localHaState())
                                        .contains(KeaHaState.PARTNER_DOWN));

        KeaStatus status = control.statusGet();
        KeaStatus.HaRelationship relationship = status.highAvailability().get(0);
        assertThat(relationship.mode()).isEqualTo("hot-standby");
        assertThat(relationship.servers().local().role()).isEqualTo("primary");
        assertThat(relationship.servers().remote().role()).isEqualTo("standby");
        assertThat(relationship.servers().remote().communicationInterrupted()).isTrue();
        HaHeartbeat heartbeat = control.haHeartbeat();
        assertThat(heartbeat.state()).isEqualTo(KeaHaState.PARTNER_DOWN);
        assertThat(heartbeat.state().health()).isEqualTo(Health.SERVING_ALONE);
        assertThat(heartbeat.dateTime()).isPresent();
        assertThatThrownBy(control::haMaintenanceCancel)
                .isInstanceOfSatisfying(
                        KeaCommandException.class,
                        e -> {
                            assertThat(e.result()).isEqualTo(KeaResult.ERROR);
                            assertThat(e.text()).contains("partner-in-maintenance");
                        });
    }

    @Test
    void configKeaRefuses_exitsAtStart_withKeasReasonInTheLogLines() throws Exception {
        lab = new KeaLab(dir);
        ObjectNode bad = KeaLab.withSubnet(lab.dhcp4(), 1, 10);
        ((ObjectNode) bad.get("subnet4").get(0)).put("subnet", "10.0.0.0/33");
        lab.writeConfig(bad);
        server = lab.server();

        KeaStart start = server.start();

        assertThat(start)
                .isInstanceOfSatisfying(
                        KeaStart.Exited.class,
                        exited -> {
                            assertThat(exited.exitCode()).isNotZero();
                            assertThat(String.join("\n", exited.lastLogLines()))
                                    .contains("DHCP4_CONFIG_LOAD_FAIL", "Invalid prefix length");
                        });
        assertThat(server.pid()).isEmpty();
    }

    @Test
    void kea22OnThisMachine_needsTheControlAgent() throws Exception {
        KeaVersion version = KeaVersion.of(KeaLab.KEA_DHCP4);

        assertThat(version.major()).isEqualTo(2);
        assertThat(version.needsControlAgent()).isTrue();
    }
}
