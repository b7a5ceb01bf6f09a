package dk.npflan.dhcp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * Collects the log lines of one logger category tree while a test runs, each with its thread and
 * one MDC key rendered by the same {@code %X{…}} pattern the console format uses: what an operator
 * would see in the log, without parsing the console. Attached to the real log manager, so it sees
 * the lines of a Quarkus app running in the test JVM too.
 */
public final class LogCapture implements AutoCloseable {

    /** One log line: thread name, the MDC value ("" when unset), category and message. */
    public record Line(String thread, String mdc, String category, String message) {}

    private final Logger logger;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler handler;

    private LogCapture(String category, String mdcKey) {
        this.logger = Logger.getLogger(category);
        PatternFormatter mdc = new PatternFormatter("%X{" + mdcKey + "}");
        PatternFormatter message = new PatternFormatter("%s");
        this.handler =
                new Handler() {
                    @Override
                    public void publish(LogRecord record) {
                        lines.add(
                                new Line(
                                        Thread.currentThread().getName(),
                                        mdc.format(record),
                                        record.getLoggerName(),
                                        message.format(record)));
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        logger.addHandler(handler);
    }

    /** Starts collecting the lines of {@code category} and below, rendering {@code mdcKey}. */
    public static LogCapture of(String category, String mdcKey) {
        return new LogCapture(category, mdcKey);
    }

    /** The lines so far, in the order they were logged. */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
