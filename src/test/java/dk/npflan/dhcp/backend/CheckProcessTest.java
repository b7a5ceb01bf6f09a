package dk.npflan.dhcp.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one runner of the servers' offline checks, on {@code /bin/sh} standing in for a server. */
class CheckProcessTest {

    @TempDir Path tempRoot;

    private CheckProcess.Ending run(String script, List<String> drop, Map<String, String> env) {
        return CheckProcess.start(
                        tempRoot,
                        "test",
                        drop,
                        dir -> {
                            Path file = dir.resolve("server.conf");
                            Files.writeString(file, "x");
                            return new CheckProcess.Launch(
                                    List.of("/bin/sh", "-c", script, "sh", file.toString()),
                                    env,
                                    Map.of(file, "server.conf"));
                        })
                .finish(Duration.ofSeconds(5));
    }

    @Test
    void output_namesTheCheckedFileWithoutItsTempPath_andTheDirIsGone() throws IOException {
        CheckProcess.Ending ending = run("echo \"bad line in $1\"; exit 3", List.of(), Map.of());

        assertThat(ending).isInstanceOf(CheckProcess.Ending.Exited.class);
        CheckProcess.Ending.Exited exited = (CheckProcess.Ending.Exited) ending;
        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.output()).isEqualTo("bad line in server.conf\n");
        try (Stream<Path> left = Files.list(tempRoot)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void inheritedVariablesWithADroppedPrefix_areNotSeen_theLaunchsOwnAre() {
        String home = System.getenv("HOME");
        CheckProcess.Ending ending =
                run("echo \"${HOME:-none} ${OWN:-none}\"", List.of("HOM"), Map.of("OWN", "set"));

        assertThat(home).isNotBlank();
        assertThat(((CheckProcess.Ending.Exited) ending).output()).isEqualTo("none set\n");
    }

    @Test
    void aCheckPastItsTimeout_isKilled_andReportedWithWhatItPrinted() {
        CheckProcess.Ending ending =
                CheckProcess.start(
                                tempRoot,
                                "slow",
                                List.of(),
                                dir ->
                                        new CheckProcess.Launch(
                                                List.of("/bin/sh", "-c", "echo started; sleep 30"),
                                                Map.of(),
                                                Map.of()))
                        .finish(Duration.ofMillis(500));

        assertThat(ending).isInstanceOf(CheckProcess.Ending.TimedOut.class);
        assertThat(((CheckProcess.Ending.TimedOut) ending).output()).isEqualTo("started\n");
    }

    @Test
    void aBinaryThatCannotStart_isNotRun_andSaysWhy() {
        CheckProcess.Ending ending =
                CheckProcess.start(
                                tempRoot,
                                "missing",
                                List.of(),
                                dir ->
                                        new CheckProcess.Launch(
                                                List.of("/nonexistent/server", "-t"),
                                                Map.of(),
                                                Map.of()))
                        .finish(Duration.ofSeconds(5));

        assertThat(ending).isInstanceOf(CheckProcess.Ending.NotRun.class);
        assertThat(((CheckProcess.Ending.NotRun) ending).why()).contains("/nonexistent/server");
    }
}
