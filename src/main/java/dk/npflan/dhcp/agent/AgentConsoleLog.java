package dk.npflan.dhcp.agent;

import io.quarkus.bootstrap.logging.InitialConfigurator;
import io.quarkus.bootstrap.logging.QuarkusDelayedHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * The agent's log on stdout, where a container's log is read. The agent runs as plain Java and
 * never boots Quarkus, but from the packaged app ({@code java -jar quarkus-run.jar agent}, what
 * {@code bin/netbox-dhcpd agent}, the images and the embedded pair start) the JVM's log manager is
 * JBoss LogManager with Quarkus' initial configuration: its one handler holds every record back for
 * Quarkus' logging set-up, which never comes, so the agent logged nothing at all. This gives that
 * handler a console handler, which also prints what was held back. Started from a class path
 * (tests, an IDE) the JDK's log manager already prints, and nothing changes.
 */
final class AgentConsoleLog {

    /** {@code serve}'s console format without its reconcile id. */
    static final String FORMAT = "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c] (%t) %s%e%n";

    private AgentConsoleLog() {}

    /** Makes the held-back and every later record of INFO and above go to stdout. */
    static void install() {
        if (!(LogManager.getLogManager() instanceof org.jboss.logmanager.LogManager)) {
            return;
        }
        QuarkusDelayedHandler delayed = InitialConfigurator.DELAYED_HANDLER;
        if (delayed.isActivated()) {
            return;
        }
        ConsoleHandler console =
                new ConsoleHandler(ConsoleHandler.Target.SYSTEM_OUT, new PatternFormatter(FORMAT));
        console.setLevel(Level.INFO);
        // the initial configuration lets every level through, to be filtered at the set-up
        Logger.getLogger("").setLevel(Level.INFO);
        delayed.setHandlers(new Handler[] {console});
    }
}
