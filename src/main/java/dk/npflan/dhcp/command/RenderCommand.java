package dk.npflan.dhcp.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.ServerBackendProducer;
import dk.npflan.dhcp.SettingsException;
import dk.npflan.dhcp.backend.BackendSettings;
import dk.npflan.dhcp.backend.BundleCheck;
import dk.npflan.dhcp.backend.ServerBackend;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import dk.npflan.dhcp.kea.KeaSettings;
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
import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netbox-dhcpd render (--netbox | --inventory FILE) --out DIR}: the whole path from NetBox
 * (or an inventory file) to a validated config, offline and without Quarkus, so GitOps pipelines
 * and operators can see exactly what the service would publish. Steps: load the snapshot (all or
 * nothing), select, build and check the model, run {@code dhcpd -t} for both roles, write the
 * files. Exit codes follow {@link RenderOutcome}.
 */
@Command(
        name = "render",
        description = {
            "Fetch the NetBox inventory (NETBOX_URL, NETBOX_TOKEN) or read it from a file, render"
                    + " dhcpd.conf and both failover includes, and validate them (own checks + real"
                    + " dhcpd -t for both roles).",
            "Exit 0 valid, 1 invalid, 2 usage, I/O, settings or NetBox error."
        })
public final class RenderCommand extends Subcommand {

    @ArgGroup(multiplicity = "1")
    Source source;

    /** Exactly one inventory source. */
    static final class Source {
        @Option(
                names = "--netbox",
                required = true,
                description = "read the inventory from NetBox (netbox-dhcpd.netbox.*)")
        boolean netbox;

        @Option(
                names = "--inventory",
                required = true,
                paramLabel = "FILE",
                description = "read the inventory from a JSON file")
        Path inventory;
    }

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "where the three files are written")
    Path outDir;

    @Override
    protected RenderOutcome run(CommandContext context) {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        SmallRyeConfig config;
        try {
            config =
                    context.settings(
                            NetBoxSettings.class,
                            DhcpdSettings.class,
                            DhcpdProcessSettings.class,
                            BackendSettings.class,
                            KeaSettings.class);
        } catch (SettingsException e) {
            err.println("error: " + e.getMessage());
            return RenderOutcome.FAILED;
        }
        NetBoxSettings netbox = config.getConfigMapping(NetBoxSettings.class);
        DhcpdSettings dhcpd = config.getConfigMapping(DhcpdSettings.class);
        DhcpdProcessSettings process = config.getConfigMapping(DhcpdProcessSettings.class);
        ServerBackend backend;
        try {
            backend =
                    ServerBackendProducer.create(
                            config.getConfigMapping(BackendSettings.class),
                            dhcpd,
                            process,
                            config.getConfigMapping(KeaSettings.class));
        } catch (SettingsException e) {
            err.println("error: " + e.getMessage());
            return RenderOutcome.FAILED;
        }
        ObjectMapper json = new ObjectMapper();

        SelectedInventory selected;
        try {
            PrefixSelection selection = PrefixSelection.from(netbox.selection());
            InventorySource inventory =
                    source.netbox
                            ? new NetBoxInventorySource(NetBoxClient.from(netbox, json), selection)
                            : new InventoryFileSource(source.inventory, json);
            selected = selection.apply(inventory.load());
            out.println(
                    "read "
                            + inventory.describe()
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
        ConfigBuild.Result result =
                ConfigBuild.from(
                        prefixes, selected.ipRanges(), selected.hosts(), dhcpd, backend::render);
        result.reports().forEach(r -> out.println("report: " + r));
        result.errors().forEach(e -> err.println("error: " + e));

        BundleCheck syntax = backend.check(result.rendered(), result.model());
        boolean checkRan = true;
        for (BundleCheck.Role role : syntax.roles().values()) {
            if (!role.passed()) {
                err.println("error: " + backend.checkName() + " " + role + origin(role));
                checkRan &= role.ran();
            }
            role.warnings()
                    .forEach(
                            w ->
                                    out.println(
                                            "warning: "
                                                    + backend.checkName()
                                                    + " "
                                                    + role.role().keyword()
                                                    + ": "
                                                    + w));
        }

        try {
            write(outDir, result.rendered());
        } catch (IOException e) {
            err.println("error: cannot write " + outDir + ": " + e.getMessage());
            return RenderOutcome.FAILED;
        }
        if (!checkRan) {
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
                        + outDir);
        return valid ? RenderOutcome.VALID : RenderOutcome.INVALID;
    }

    /** " (in ipam.prefix 42 …)" when the server's error points into a subnet. */
    private static String origin(BundleCheck.Role role) {
        return role.error()
                .flatMap(BundleCheck.Error::object)
                .map(o -> " (in " + o + ")")
                .orElse("");
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
