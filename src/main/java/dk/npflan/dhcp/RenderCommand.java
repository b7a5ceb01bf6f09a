package dk.npflan.dhcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.dhcpd.ConfigCheck;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import dk.npflan.dhcp.netbox.InventoryException;
import dk.npflan.dhcp.netbox.InventoryFileSource;
import dk.npflan.dhcp.netbox.InventorySource;
import dk.npflan.dhcp.netbox.NetBoxClient;
import dk.npflan.dhcp.netbox.NetBoxInventorySource;
import dk.npflan.dhcp.netbox.NetBoxSettings;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.netbox.PrefixSelection;
import dk.npflan.dhcp.netbox.SelectedInventory;
import dk.npflan.dhcp.validate.ConfigBuild;
import dk.npflan.dhcp.validate.DhcpdSyntaxChecker;
import dk.npflan.dhcp.validate.RoleCheck;
import dk.npflan.dhcp.validate.SyntaxCheck;
import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/netbox-dhcpd render (--netbox | --inventory FILE) --out DIR}: the whole path from
 * NetBox (or an inventory file) to a validated config, offline and without Quarkus, so GitOps
 * pipelines and operators can see exactly what the service would publish. Steps: load the snapshot
 * (all or nothing), select, build and check the model, run {@code dhcpd -t} for both roles, write
 * the files. Exit codes follow {@link RenderOutcome}.
 */
public final class RenderCommand {

    static final String USAGE =
            "usage: netbox-dhcpd render (--netbox | --inventory FILE) --out DIR";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> overrides;

    /**
     * @param overrides settings that win over environment and {@code application.properties} (for
     *     tests; the command line itself takes no settings)
     */
    public RenderCommand(PrintStream out, PrintStream err, Map<String, String> overrides) {
        this.out = out;
        this.err = err;
        this.overrides = Map.copyOf(overrides);
    }

    /** Entry point from {@link Main}. */
    public static void main(String... args) {
        System.exit(new RenderCommand(System.out, System.err, Map.of()).run(args).exitCode());
    }

    /** Parsed command line. */
    private record Arguments(boolean netbox, Path inventory, Path outDir) {}

    public RenderOutcome run(String... args) {
        Arguments arguments = parse(args);
        if (arguments == null) {
            err.println(USAGE);
            return RenderOutcome.FAILED;
        }
        SmallRyeConfig config;
        try {
            config =
                    CommandConfiguration.load(
                            overrides,
                            NetBoxSettings.class,
                            DhcpdSettings.class,
                            DhcpdProcessSettings.class);
        } catch (RuntimeException e) {
            err.println("error: invalid settings: " + e.getMessage());
            return RenderOutcome.FAILED;
        }
        NetBoxSettings netbox = config.getConfigMapping(NetBoxSettings.class);
        DhcpdSettings dhcpd = config.getConfigMapping(DhcpdSettings.class);
        DhcpdProcessSettings process = config.getConfigMapping(DhcpdProcessSettings.class);
        ObjectMapper json = new ObjectMapper();

        SelectedInventory selected;
        try {
            PrefixSelection selection = PrefixSelection.from(netbox.selection());
            InventorySource source =
                    arguments.netbox()
                            ? new NetBoxInventorySource(NetBoxClient.from(netbox, json), selection)
                            : new InventoryFileSource(arguments.inventory(), json);
            selected = selection.apply(source.load());
            out.println(
                    "read "
                            + source.describe()
                            + ": "
                            + selected.prefixes().size()
                            + " IPv4 prefixes selected, "
                            + selected.ipRanges().size()
                            + " IP ranges");
        } catch (InventoryException e) {
            err.println("error (" + e.problem() + "): " + e.getMessage());
            return RenderOutcome.FAILED;
        }

        List<Prefix> prefixes = new ArrayList<>(selected.prefixes());
        prefixes.addAll(selected.skippedIpv6()); // ConfigBuild reports them as skipped, naming each
        ConfigBuild.Result result = ConfigBuild.from(prefixes, selected.ipRanges(), dhcpd);
        result.reports().forEach(r -> out.println("report: " + r));
        result.errors().forEach(e -> err.println("error: " + e));

        SyntaxCheck syntax = DhcpdSyntaxChecker.from(dhcpd, process).check(result.rendered());
        boolean dhcpdRan = true;
        for (RoleCheck role : syntax.roles().values()) {
            if (!role.isValid()) {
                err.println("error: dhcpd -t " + role + origin(role, result));
                dhcpdRan &= role.outcome() != ConfigCheck.Verdict.NOT_RUN;
            }
            role.warnings()
                    .forEach(
                            w ->
                                    out.println(
                                            "warning: dhcpd -t "
                                                    + role.role().keyword()
                                                    + ": "
                                                    + w));
        }

        try {
            write(arguments.outDir(), result.rendered());
        } catch (IOException e) {
            err.println("error: cannot write " + arguments.outDir() + ": " + e.getMessage());
            return RenderOutcome.FAILED;
        }
        if (!dhcpdRan) {
            return RenderOutcome.FAILED;
        }
        boolean valid = result.isValid() && syntax.isValid();
        out.println(
                (valid ? "valid" : "INVALID, do not publish")
                        + ": "
                        + result.model().subnets().size()
                        + " NetBox subnets, sha256 "
                        + result.rendered().sha256()
                        + ", files in "
                        + arguments.outDir());
        return valid ? RenderOutcome.VALID : RenderOutcome.INVALID;
    }

    /** " (in ipam.prefix 42 …)" when dhcpd's error points into a subnet of dhcpd.conf. */
    private static String origin(RoleCheck role, ConfigBuild.Result result) {
        return role.error()
                .filter(
                        e ->
                                e.file().filter(RenderedConfig.CONFIG::equals).isPresent()
                                        && e.line().isPresent())
                .flatMap(e -> result.objectAtLine(e.line().getAsInt()))
                .map(o -> " (in " + o + ")")
                .orElse("");
    }

    private static Arguments parse(String[] args) {
        boolean netbox = false;
        Path inventory = null;
        Path outDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--netbox" -> netbox = true;
                case "--inventory" -> {
                    if (++i >= args.length) {
                        return null;
                    }
                    inventory = Path.of(args[i]);
                }
                case "--out" -> {
                    if (++i >= args.length) {
                        return null;
                    }
                    outDir = Path.of(args[i]);
                }
                default -> {
                    return null;
                }
            }
        }
        if (netbox == (inventory != null) || outDir == null) {
            return null;
        }
        return new Arguments(netbox, inventory, outDir);
    }

    /**
     * Each file is written to a temp name and moved into place, so a reader never sees half a file.
     */
    private static void write(Path dir, RenderedConfig rendered) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> file : rendered.files().entrySet()) {
            Path target = dir.resolve(file.getKey());
            Path temp = dir.resolve("." + file.getKey() + ".tmp");
            Files.writeString(temp, file.getValue(), StandardCharsets.UTF_8);
            Files.move(
                    temp,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
