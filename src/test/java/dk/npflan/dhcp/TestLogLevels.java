package dk.npflan.dhcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Applies the {@code %test.quarkus.log.category."…".level} lines of {@code application.properties}
 * to plain unit tests as well, which never boot Quarkus and so never read them: one list of the
 * categories whose failures tests provoke on purpose (a stopped broker, NetBox retries), kept where
 * the service's test profile keeps it. Registered for every test class through JUnit's extension
 * auto-detection, which quarkus-junit already switches on (its {@code junit-platform.properties}).
 */
public final class TestLogLevels implements BeforeAllCallback {

    private static final Pattern CATEGORY =
            Pattern.compile("^%test\\.quarkus\\.log\\.category\\.\"([^\"]+)\"\\.level=(\\w+)\\s*$");
    private static final Map<String, Level> LEVELS =
            Map.of(
                    "FATAL", Level.OFF,
                    "ERROR", Level.SEVERE,
                    "WARN", Level.WARNING,
                    "INFO", Level.INFO,
                    "DEBUG", Level.FINE,
                    "TRACE", Level.FINEST);

    /** Strong references: JUL forgets the level of a logger nobody holds. */
    private static final List<Logger> CONFIGURED = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (CONFIGURED) {
            if (!CONFIGURED.isEmpty()) {
                return;
            }
            for (String line : applicationProperties().split("\n")) {
                Matcher m = CATEGORY.matcher(line.strip());
                if (m.matches() && LEVELS.containsKey(m.group(2))) {
                    Logger logger = Logger.getLogger(m.group(1));
                    logger.setLevel(LEVELS.get(m.group(2)));
                    CONFIGURED.add(logger);
                }
            }
        }
    }

    private static String applicationProperties() {
        try (InputStream in =
                TestLogLevels.class
                        .getClassLoader()
                        .getResourceAsStream("application.properties")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
