package dk.npflan.dhcp.dhcpd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code dhcpd -t} on a config before supervision starts it. Deliberately minimal
 * (exit code and first error): the full checker with our own rules on top lives in the {@code
 * validate} package.
 */
public final class DhcpdConfigChecker {

    private final Duration timeout;

    public DhcpdConfigChecker(Duration timeout) {
        this.timeout = timeout;
    }

    public ConfigCheck check(DhcpdInvocation invocation) {
        Process process;
        try {
            process =
                    new ProcessBuilder(invocation.checkCommand()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return ConfigCheck.notRun("cannot run " + invocation.binary() + ": " + e.getMessage());
        }
        CompletableFuture<String> output =
                CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return ConfigCheck.notRun("dhcpd -t did not finish within " + timeout);
            }
            return ConfigCheck.of(
                    process.exitValue(), output.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return ConfigCheck.notRun("interrupted");
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            return ConfigCheck.notRun("cannot read dhcpd -t output: " + e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
