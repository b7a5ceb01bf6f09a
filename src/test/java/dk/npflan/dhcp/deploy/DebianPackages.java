package dk.npflan.dhcp.deploy;

import dk.npflan.dhcp.rollout.local.HostCommand;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What Debian packages ship, asked of this machine's dpkg: our images are Debian bookworm like this
 * machine, and {@code .ci/run} installs every package an image installs, so {@code dpkg -L} tells
 * which files an image gets from its {@code apt-get install} line. A package that is not installed
 * here fails the test that asks (never a skip).
 */
final class DebianPackages {

    private static final Map<String, Set<String>> FILES = new ConcurrentHashMap<>();

    private DebianPackages() {}

    /**
     * The files {@code pkg} installs; those under {@code /bin}, {@code /sbin} and {@code /lib} are
     * also under {@code /usr} (bookworm's /usr is merged).
     */
    static Set<String> files(String pkg) {
        return FILES.computeIfAbsent(
                pkg,
                p -> {
                    HostCommand list = HostCommand.run("dpkg", "-L", p);
                    if (list.exitCode() != 0) {
                        throw new AssertionError(
                                "dpkg -L "
                                        + p
                                        + " failed (.ci/run installs every package an image"
                                        + " installs): "
                                        + list.output());
                    }
                    return list.output()
                            .lines()
                            .flatMap(DebianPackages::merged)
                            .collect(Collectors.toSet());
                });
    }

    /** The Essential packages: every Debian base image has them (sh, coreutils, …). */
    static List<String> essential() {
        return HostCommand.run("dpkg-query", "-W", "-f", "${Package} ${Essential}\\n")
                .output()
                .lines()
                .filter(l -> l.endsWith(" yes"))
                .map(l -> l.substring(0, l.indexOf(' ')))
                .toList();
    }

    /**
     * Where the alternatives system may point {@code name}: {@code /usr/bin/java} is such a link,
     * made by the package's maintainer script, so it is in no file list.
     */
    static List<String> alternatives(String name) {
        HostCommand list = HostCommand.run("update-alternatives", "--list", name);
        return list.exitCode() == 0 ? list.output().lines().toList() : List.of();
    }

    private static Stream<String> merged(String path) {
        for (String top : List.of("/bin/", "/sbin/", "/lib/", "/lib64/")) {
            if (path.startsWith(top)) {
                return Stream.of(path, "/usr" + path);
            }
        }
        return Stream.of(path);
    }
}
