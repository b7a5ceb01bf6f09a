package dk.npflan.dhcp.netbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent NetBox reads (the pages of a list, the prefix and IP range lists) on a few
 * threads and gives their results in the order of the reads. A snapshot is all or nothing, so the
 * first read that fails cancels the others and its {@link InventoryException} is the outcome: the
 * same error a one-after-another read would have ended with, only sooner. Threads live for one
 * call; with one thread or one read everything runs on the caller's thread.
 */
final class ParallelReads {

    /** One read that may fail like a NetBox request. */
    @FunctionalInterface
    interface Read<T> {
        T read() throws InventoryException;
    }

    private ParallelReads() {}

    static <T> List<T> all(List<Read<T>> reads, int threads, String name)
            throws InventoryException {
        if (threads <= 1 || reads.size() <= 1) {
            List<T> out = new ArrayList<>(reads.size());
            for (Read<T> read : reads) {
                out.add(read.read());
            }
            return out;
        }
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        Math.min(threads, reads.size()),
                        r -> {
                            Thread t = new Thread(r, name + "-" + number.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        try {
            ExecutorCompletionService<T> done = new ExecutorCompletionService<>(pool);
            List<Future<T>> futures = new ArrayList<>(reads.size());
            for (Read<T> read : reads) {
                futures.add(done.submit(read::read));
            }
            for (int i = 0; i < reads.size(); i++) {
                Future<T> next = done.take();
                try {
                    next.get();
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
            List<T> out = new ArrayList<>(futures.size());
            for (Future<T> future : futures) {
                out.add(future.get()); // all done: does not block
            }
            return out;
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InventoryException(
                    InventoryProblem.UNAVAILABLE, "interrupted while reading NetBox");
        } finally {
            pool.shutdownNow(); // cancels what still runs after a failure
        }
    }

    private static InventoryException rethrown(Throwable cause) {
        if (cause instanceof InventoryException e) {
            return e;
        }
        if (cause instanceof RuntimeException e) {
            throw e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(cause);
    }
}
