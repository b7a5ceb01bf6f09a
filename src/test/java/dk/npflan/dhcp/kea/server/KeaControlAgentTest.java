package dk.npflan.dhcp.kea.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.kea.control.KeaCommandException;
import dk.npflan.dhcp.kea.control.KeaResult;
import dk.npflan.dhcp.kea.control.KeaStatus;
import dk.npflan.dhcp.kea.control.KeaUnreachableException;
import dk.npflan.dhcp.kea.control.SubnetStatistics;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kea-ctrl-agent 2.2 in front of a real kea-dhcp4: commands over its HTTP with {@code
 * "service": ["dhcp4"]} reach the daemon, without a service the agent answers itself.
 */
@Tag("kea")
class KeaControlAgentTest {

    @TempDir Path dir;

    private KeaServer server;
    private KeaControlAgent agent;

    @AfterEach
    void stopBoth() throws InterruptedException {
        if (agent != null) {
            agent.stop();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void statusGetThroughTheAgent_isAnsweredByKeaDhcp4_andWithoutServiceByTheAgent()
            throws Exception {
        KeaLab lab = new KeaLab(dir);
        lab.writeConfig(KeaLab.withSubnet(lab.dhcp4(), 5, 20));
        server = lab.server();
        assertThat(server.start()).isInstanceOf(KeaStart.Serving.class);
        agent = agent(lab, KeaLab.freeTcpPort());

        KeaStart start = agent.start();

        assertThat(start)
                .as(String.join("\n", agent.logLines()))
                .isInstanceOf(KeaStart.Serving.class);
        KeaStatus viaAgent = agent.dhcp4().statusGet();
        assertThat(viaAgent.pid()).isEqualTo(server.pid().orElseThrow());
        assertThat(agent.self().statusGet().pid()).isEqualTo(agent.pid().orElseThrow());
        assertThat(agent.dhcp4().statisticGetAll())
                .containsExactly(new SubnetStatistics(5, 20, 0, 0));
        assertThatThrownBy(() -> agent.dhcp4().haHeartbeat())
                .isInstanceOfSatisfying(
                        KeaCommandException.class,
                        e -> assertThat(e.result()).isEqualTo(KeaResult.UNSUPPORTED));
    }

    @Test
    void agentWhoseDaemonIsDown_answersAnErrorForIt_andStopsOnItsShutdownCommand()
            throws Exception {
        KeaLab lab = new KeaLab(dir);
        agent = agent(lab, KeaLab.freeTcpPort());
        assertThat(agent.start()).isInstanceOf(KeaStart.Serving.class);
        long pid = agent.pid().orElseThrow();

        assertThatThrownBy(() -> agent.dhcp4().statusGet())
                .isInstanceOfSatisfying(
                        KeaCommandException.class,
                        e -> {
                            assertThat(e.result()).isEqualTo(KeaResult.ERROR);
                            assertThat(e.text()).contains("dhcp4");
                        });

        KeaStop stop = agent.stop();

        assertThat(stop.how()).isEqualTo(KeaStop.How.SHUTDOWN_COMMAND);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThatThrownBy(() -> agent.self().statusGet())
                .isInstanceOfSatisfying(
                        KeaUnreachableException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(KeaUnreachableException.Reason.REFUSED));
    }

    private KeaControlAgent agent(KeaLab lab, int port) throws Exception {
        Path config = dir.resolve("kea-ctrl-agent.conf");
        Files.write(
                config,
                KeaLab.JSON.writeValueAsBytes(
                        KeaControlAgent.config("127.0.0.1", port, lab.socket)));
        return new KeaControlAgent(
                KeaLab.KEA_CTRL_AGENT,
                config,
                dir.resolve("run-agent"),
                URI.create("http://127.0.0.1:" + port + "/"),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                lab.settings.control().timeouts(),
                lab.settings.controlAgent().startTimeout(),
                lab.settings.server().stopTimeout(),
                100,
                Clock.systemUTC());
    }
}
