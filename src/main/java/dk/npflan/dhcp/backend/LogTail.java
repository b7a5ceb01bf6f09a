package dk.npflan.dhcp.backend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The most recent lines a server process printed: what says why it exited, kept while its output is
 * read to the end.
 */
public final class LogTail {

    private final int kept;
    private final Deque<String> lines = new ArrayDeque<>();

    public LogTail(int kept) {
        this.kept = kept;
    }

    /**
     * Reads {@code source}'s output until it ends, keeping each line and then handing it to {@code
     * onLine}; a read error is kept as the last line. Blocks: run it on a thread of its own.
     */
    public void read(Process source, Consumer<String> onLine) {
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                add(line);
                onLine.accept(line);
            }
        } catch (IOException e) {
            add("(log capture ended: " + e.getMessage() + ")");
        }
    }

    private void add(String line) {
        synchronized (lines) {
            lines.addLast(line);
            while (lines.size() > kept) {
                lines.removeFirst();
            }
        }
    }

    /** Oldest first. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
