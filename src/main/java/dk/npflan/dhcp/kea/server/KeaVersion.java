package dk.npflan.dhcp.kea.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kea version and the one decision that depends on it here: whether the HA peers need
 * kea-ctrl-agent. Up to 2.7.1 kea-dhcp4 has only its unix control socket, so the HA hook's HTTP
 * traffic goes through a control agent ({@link KeaControlAgent}); since 2.7.2 the daemons open HTTP
 * control sockets themselves, 3.0 deprecated the agent and 3.1.8 removed it. Keeping the rule here
 * means no other class compares version numbers.
 *
 * @param major e.g. 2
 * @param minor e.g. 2
 * @param patch e.g. 0
 */
public record KeaVersion(int major, int minor, int patch) implements Comparable<KeaVersion> {

    /** The first version whose daemons serve the HA peers' HTTP themselves. */
    public static final KeaVersion OWN_HTTP_SINCE = new KeaVersion(2, 7, 2);

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    /**
     * Parses the first {@code X.Y.Z} in {@code text}, e.g. {@code kea-dhcp4 -v}'s {@code 2.2.0}.
     */
    public static KeaVersion parse(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no Kea version (X.Y.Z) in: " + text.strip());
        }
        return new KeaVersion(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
    }

    /** Runs {@code binary -v} (kea-dhcp4 prints its version and exits). */
    public static KeaVersion of(Path binary) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(binary.toString(), "-v").redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(binary + " -v did not exit within 10 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(binary + " -v exited " + process.exitValue() + ": " + output);
        }
        return parse(output);
    }

    /** Whether the HA hook's peer traffic needs a kea-ctrl-agent beside kea-dhcp4. */
    public boolean needsControlAgent() {
        return compareTo(OWN_HTTP_SINCE) < 0;
    }

    @Override
    public int compareTo(KeaVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
