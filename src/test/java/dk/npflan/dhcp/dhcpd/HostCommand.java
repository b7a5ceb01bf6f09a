package dk.npflan.dhcp.dhcpd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short host command (ip, java) with a time bound and returns exit code and output;
 * test-side.
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
        } catch (Exception e) {
            return new HostCommand(-1, String.join(" ", command) + " failed: " + e);
        }
    }

    public static HostCommand run(String... command) {
        return run(List.of(command), 20);
    }

    /** Runs and fails loudly: for lab set-up steps that must work. */
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
