package dk.npflan.dhcp.rollout.local;

/**
 * A clean-up that runs exactly once: when its owner is closed, or from a shutdown hook when the JVM
 * exits first (Ctrl-C, a killed test run). Whatever sets up namespaces, veths and processes on the
 * host uses it, so nothing is left behind on either path.
 */
public final class ShutdownCleanup {

    private final Runnable action;
    private final Thread hook;
    private boolean done;

    public ShutdownCleanup(String name, Runnable action) {
        this.action = action;
        this.hook = new Thread(this::runOnce, name);
    }

    /** From now on a JVM exit runs the clean-up too. */
    public void register() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Runs the clean-up unless it already ran. */
    public synchronized void runOnce() {
        if (done) {
            return;
        }
        done = true;
        action.run();
    }

    /** Runs the clean-up now and drops the shutdown hook. */
    public void close() {
        runOnce();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs the same clean-up
        }
    }
}
