package dk.npflan.dhcp.rollout.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A short host command ({@code ip …}) run with a time bound: exit code and output. The local pair
 * sets up its namespaces with iproute2 rather than netlink from Java, because that is what an
 * operator would type to inspect or repair it.
 */
public record HostCommand(int exitCode, String output) {

    public static HostCommand run(List<String> command, long timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> out =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return new String(
                                            p.getInputStream().readAllBytes(),
                                            StandardCharsets.UTF_8);
                                } catch (IOException e) {
                                    return "";
                                }
                            });
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new HostCommand(
                        -1,
                        String.join(" ", command) + " timed out after " + timeoutSeconds + " s");
            }
            return new HostCommand(p.exitValue(), out.get(5, TimeUnit.SECONDS));
        } catch (IOException | ExecutionException | TimeoutException e) {
            return new HostCommand(-1, String.join(" ", command) + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HostCommand(-1, String.join(" ", command) + " interrupted");
        }
    }

    public static HostCommand run(String... command) {
        return run(List.of(command), 20);
    }

    /** Runs and fails loudly: for set-up steps that must work. */
    public static String require(String... command) {
        HostCommand result = run(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command)
                            + " failed ("
                            + result.exitCode()
                            + "): "
                            + result.output());
        }
        return result.output();
    }
}
