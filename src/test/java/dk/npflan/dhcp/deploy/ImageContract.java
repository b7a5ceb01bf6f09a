package dk.npflan.dhcp.deploy;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.command.NetboxDhcpdCommand;
import dk.npflan.dhcp.config.InventoryFixture;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.ServerModel;
import dk.npflan.dhcp.dhcpd.DhcpdConfigChecker;
import dk.npflan.dhcp.dhcpd.DhcpdInvocation;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import dk.npflan.dhcp.kea.KeaConfigRenderer;
import dk.npflan.dhcp.kea.KeaDhcp4Config;
import dk.npflan.dhcp.kea.KeaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The image contract: the binaries a container runs are all in its image. What an image has is
 * derived from its Dockerfile (the Debian packages of its {@code apt-get install} lines, through
 * {@link DebianPackages}, the Essential packages of a Debian base, and what it {@code COPY}s); what
 * it runs from its command line and, for our app's commands, from the code: the dhcpd binary that
 * {@code dhcpd -t} runs ({@link DhcpdConfigChecker}, validation in {@code serve}) and that the
 * agent supervises ({@link DhcpdInvocation}, with {@code ip} in front when it runs in a netns), as
 * the settings' defaults name them. With {@code NETBOX_DHCPD_BACKEND=kea} (the image's {@code ENV}
 * or the container's environment) they are Kea's instead: {@code kea-dhcp4} and the hook libraries
 * the rendered config loads, which {@code kea-dhcp4 -t} opens, and for the agent also {@code
 * kea-ctrl-agent} and {@code kea-lfc} ({@link KeaSettings}' defaults).
 */
final class ImageContract {

    /** PATH of a Debian image. */
    private static final List<String> PATH =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    /** Our commands, as the entry point parses them. */
    private static final Set<String> APP_COMMANDS =
            new CommandLine(new NetboxDhcpdCommand(Map.of(), Map.of())).getSubcommands().keySet();

    static final String BACKEND_VARIABLE = "NETBOX_DHCPD_BACKEND";
    static final String DHCPD = "dhcpd";
    static final String KEA = "kea";

    /** Where Debian's kea-dhcp4 looks for kea-lfc (kea-common). */
    private static final String KEA_LFC = "/usr/sbin/kea-lfc";

    private static final Pattern SHELL_SEPARATORS = Pattern.compile("[;&|\\n]+|\\$\\(|\\)|`");
    private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*");

    private final DockerfileImage image;
    private final Set<String> files = new HashSet<>();

    ImageContract(DockerfileImage image) {
        this.image = image;
        if (image.base().startsWith("debian:")) {
            DebianPackages.essential().forEach(p -> files.addAll(DebianPackages.files(p)));
        }
        image.packages().forEach(p -> files.addAll(DebianPackages.files(p)));
        files.addAll(image.copiedTo());
    }

    static ImageContract of(Path dockerfile) {
        return new ImageContract(DockerfileImage.read(dockerfile));
    }

    DockerfileImage image() {
        return image;
    }

    /** The image's files in a {@code bin} or {@code sbin} directory: what it can run. */
    List<String> executables() {
        return files.stream()
                .filter(f -> f.matches(".*/s?bin/[^/]+$"))
                .filter(f -> Files.isRegularFile(Path.of(f)))
                .sorted()
                .toList();
    }

    /** Where {@code binary} (absolute, or a name looked up on PATH) is in the image. */
    Optional<String> resolve(String binary) {
        if (binary.startsWith("/")) {
            return files.contains(binary) ? Optional.of(binary) : Optional.empty();
        }
        for (String dir : PATH) {
            if (files.contains(dir + "/" + binary)) {
                return Optional.of(dir + "/" + binary);
            }
        }
        return DebianPackages.alternatives(binary).stream().filter(files::contains).findFirst();
    }

    /** The binaries the image's own command line runs. */
    Set<String> required() {
        return required(image.cmd());
    }

    /** The binaries the image runs with {@code cmd}, in its own environment. */
    Set<String> required(List<String> cmd) {
        return required(cmd, Map.of());
    }

    /**
     * The binaries the image runs with {@code cmd} after its entrypoint (a compose service's {@code
     * command}, a pod's {@code args}) and {@code env} over the image's own: the executable (after
     * {@code tini --}), the commands of a {@code sh -c} script, and when {@code cmd} names one of
     * our commands, the binaries that command runs with the backend the environment picks.
     */
    Set<String> required(List<String> cmd, Map<String, String> env) {
        Set<String> binaries = new LinkedHashSet<>();
        List<String> line = new ArrayList<>(image.entrypoint());
        line.addAll(cmd);
        if (!line.isEmpty() && line.get(0).endsWith("/tini")) {
            binaries.add(line.get(0));
            line = line.subList(line.indexOf("--") + 1, line.size());
        }
        if (line.isEmpty()) {
            return binaries;
        }
        binaries.add(line.get(0));
        if (line.size() >= 3 && line.get(0).equals("sh") && line.get(1).equals("-c")) {
            binaries.addAll(scriptCommands(line.get(2)));
        }
        if (!cmd.isEmpty() && APP_COMMANDS.contains(cmd.get(0))) {
            Map<String, String> environment = new HashMap<>(image.env());
            environment.putAll(env);
            binaries.addAll(
                    appBinaries(cmd.get(0), environment.getOrDefault(BACKEND_VARIABLE, DHCPD)));
        }
        return binaries;
    }

    /** The required binaries that are not in the image. */
    List<String> missing(Set<String> required) {
        return required.stream().filter(b -> resolve(b).isEmpty()).toList();
    }

    /** The binaries one of our commands runs with the default backend (dhcpd). */
    static Set<String> appBinaries(String command) {
        return appBinaries(command, DHCPD);
    }

    /**
     * The binaries one of our commands runs with {@code backend} ({@code netbox-dhcpd.backend}),
     * from the code and the settings' defaults.
     *
     * @throws AssertionError for a command or backend nobody has mapped: an image must not run it
     *     unchecked
     */
    static Set<String> appBinaries(String command, String backend) {
        return switch (backend) {
            case DHCPD -> dhcpdBinaries(command);
            case KEA -> keaBinaries(command);
            default ->
                    throw new AssertionError("which binaries does backend '" + backend + "' run?");
        };
    }

    private static Set<String> keaBinaries(String command) {
        KeaSettings kea =
                CommandConfiguration.load(Map.of(), Map.of(), KeaSettings.class)
                        .getConfigMapping(KeaSettings.class);
        Set<String> check = new LinkedHashSet<>();
        check.add(kea.binary());
        check.addAll(keaHookLibraries(kea));
        return switch (command) {
            case "serve" -> check;
            case "agent" -> {
                Set<String> agent = new LinkedHashSet<>(check);
                agent.add(kea.controlAgent().binary());
                // kea-dhcp4 runs it for the lease file cleanup (lfc-interval); its path is built in
                agent.add(KEA_LFC);
                yield agent;
            }
            default -> throw new AssertionError("which binaries does '" + command + "' run?");
        };
    }

    /** The hook libraries a config rendered with the defaults loads (both roles load the same). */
    static List<String> keaHookLibraries(KeaSettings kea) {
        ServerModel model =
                InventoryFixture.build("seed-npflan.json", TestSettings.dhcpd()).model();
        return new KeaConfigRenderer(kea)
                .config(model, PeerRole.PRIMARY).dhcp4().hooksLibraries().stream()
                        .map(KeaDhcp4Config.HookLibrary::library)
                        .toList();
    }

    private static Set<String> dhcpdBinaries(String command) {
        DhcpdProcessSettings defaults =
                CommandConfiguration.load(Map.of(), Map.of(), DhcpdProcessSettings.class)
                        .getConfigMapping(DhcpdProcessSettings.class);
        String check = DhcpdConfigChecker.from(defaults).binary();
        return switch (command) {
            case "serve" -> Set.of(check);
            case "agent" ->
                    new LinkedHashSet<>(
                            List.of(check, DhcpdInvocation.from(defaults).serveCommand().get(0)));
            default -> throw new AssertionError("which binaries does '" + command + "' run?");
        };
    }

    /** The command words of a {@code sh -c} script (first word of each simple command). */
    static List<String> scriptCommands(String script) {
        List<String> commands = new ArrayList<>();
        for (String segment : SHELL_SEPARATORS.split(script)) {
            for (String word : segment.strip().split("\\s+")) {
                if (word.isEmpty() || word.equals("exec") || ASSIGNMENT.matcher(word).matches()) {
                    continue;
                }
                if (!word.startsWith("\"") && !word.startsWith("'")) {
                    commands.add(word);
                }
                break;
            }
        }
        return commands;
    }
}
