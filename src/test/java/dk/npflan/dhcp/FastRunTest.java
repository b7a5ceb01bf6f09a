package dk.npflan.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast run ({@code ./mvnw -B test -DexcludedGroups=slow}) stays fast and leaves out only slow
 * tests: every {@code @QuarkusTest} class surefire runs is tagged {@code slow} (it boots the app
 * and the broker), and the {@code fast-run} profile in {@code pom.xml} lists exactly those classes,
 * so none of them builds a Quarkus application in a run that skips it and no fast test hides in the
 * list.
 */
class FastRunTest {

    private static final Path TESTS = Path.of("src/test/java");
    private static final Pattern EXCLUDE =
            Pattern.compile("<exclude>\\*\\*/(\\w+)\\.java</exclude>");

    @Test
    void everyQuarkusTestSurefireRuns_isTaggedSlowAndListedInTheFastRunProfile()
            throws IOException {
        Set<String> quarkusTests = new TreeSet<>();
        for (Path file : testSources()) {
            String source = Files.readString(file);
            String name = file.getFileName().toString().replace(".java", "");
            if (name.endsWith("Test") && source.contains("\n@QuarkusTest\n")) {
                assertThat(source).as(name).contains("\n@Tag(\"slow\")\n");
                quarkusTests.add(name);
            }
        }

        assertThat(quarkusTests).isNotEmpty();
        assertThat(fastRunExcludes()).isEqualTo(quarkusTests);
    }

    private static List<Path> testSources() throws IOException {
        try (Stream<Path> files = Files.walk(TESTS)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    private static Set<String> fastRunExcludes() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        int profile = pom.indexOf("<id>fast-run</id>");
        assertThat(profile).as("the fast-run profile in pom.xml").isPositive();
        String section = pom.substring(profile, pom.indexOf("</profile>", profile));
        Set<String> names = new TreeSet<>();
        Matcher m = EXCLUDE.matcher(section);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
