package dk.npflan.dhcp.probe;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a piece of test code inside a named network namespace, in this JVM. {@code setns(2)} moves
 * only the calling thread, and every socket (and the JDK's interface lookups) belongs to the
 * namespace of the thread that creates it, so a fresh thread that enters the namespace and then
 * dies can call {@link DhcpProbe#local} as if it ran in the server's pod. Test-side only; needs
 * CAP_SYS_ADMIN.
 */
final class NamespaceThread {

    private static final int O_RDONLY = 0;
    private static final int CLONE_NEWNET = 0x40000000;

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int open(String path, int flags) throws LastErrorException;

        int setns(int fd, int nstype) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private NamespaceThread() {}

    static <T> T call(String netns, Callable<T> work)
            throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                int fd = LibC.INSTANCE.open("/var/run/netns/" + netns, O_RDONLY);
                                try {
                                    LibC.INSTANCE.setns(fd, CLONE_NEWNET);
                                } finally {
                                    LibC.INSTANCE.close(fd);
                                }
                                result.complete(work.call());
                            } catch (Throwable e) {
                                result.completeExceptionally(e);
                            }
                        },
                        "in-" + netns);
        thread.setDaemon(true);
        thread.start();
        return result.get(60, TimeUnit.SECONDS);
    }
}
