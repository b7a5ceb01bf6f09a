package dk.npflan.dhcp.dhcpd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line that runs one dhcpd, built from values only (its {@code dhcpd -t} is {@link
 * DhcpdConfigChecker}'s). Kept apart from the process adapter so that the exact flags (foreground,
 * log to stderr, explicit lease file, no pid file, optional netns) are visible and tested in one
 * place.
 */
public record DhcpdInvocation(
        String binary,
        Path configFile,
        Path leaseFile,
        Optional<String> interfaceName,
        Optional<String> netns,
        String ipBinary) {

    public static final String CONFIG_FILE_NAME = "dhcpd.conf";

    public static DhcpdInvocation from(DhcpdProcessSettings settings) {
        return new DhcpdInvocation(
                settings.binary(),
                Path.of(settings.configDir(), CONFIG_FILE_NAME),
                Path.of(settings.leaseFile()),
                settings.interfaceName(),
                settings.netns(),
                settings.ipBinary());
    }

    /**
     * {@code dhcpd -4 -f -d -cf <conf> -lf <leases> --no-pid [interface]}: foreground, log to
     * stderr, and no pid file (a stale pid file whose pid is alive, even as a zombie, stops dhcpd
     * from starting).
     */
    public List<String> serveCommand() {
        List<String> command = netnsPrefix();
        command.add(binary);
        command.addAll(serveArguments());
        return command;
    }

    /** What follows the binary in {@link #serveCommand()}. */
    public List<String> serveArguments() {
        List<String> arguments =
                new ArrayList<>(
                        List.of(
                                "-4",
                                "-f",
                                "-d",
                                "-cf",
                                configFile.toString(),
                                "-lf",
                                leaseFile.toString(),
                                "--no-pid"));
        interfaceName.ifPresent(arguments::add);
        return arguments;
    }

    private List<String> netnsPrefix() {
        List<String> prefix = new ArrayList<>();
        netns.ifPresent(ns -> prefix.addAll(List.of(ipBinary, "netns", "exec", ns)));
        return prefix;
    }
}
