package dk.npflan.dhcp.rollout.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelfLaunchTest {

    @Test
    void packagedApp_childRunsTheSameJar() {
        SelfLaunch launch =
                new SelfLaunch("/usr/bin/java", "/opt/app/quarkus-run.jar", "dk.npflan.dhcp.Main");

        assertThat(launch.command(List.of("-Xmx192m"), Map.of("a.b", "c"), List.of("agent")))
                .containsExactly(
                        "/usr/bin/java",
                        "-Xmx192m",
                        "-Da.b=c",
                        "-jar",
                        "/opt/app/quarkus-run.jar",
                        "agent");
    }

    @Test
    void classPath_childRunsTheMainClassOnIt() {
        SelfLaunch launch =
                new SelfLaunch("java", "target/classes:lib/a.jar", "dk.npflan.dhcp.Main");

        assertThat(launch.command(List.of(), Map.of(), List.of("agent")))
                .containsExactly(
                        "java", "-cp", "target/classes:lib/a.jar", "dk.npflan.dhcp.Main", "agent");
    }
}
