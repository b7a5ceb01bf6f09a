package dk.npflan.dhcp.validate;

import dk.npflan.dhcp.config.ConfigProblem;
import dk.npflan.dhcp.config.DhcpdConfigRenderer;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.ServerModel;
import dk.npflan.dhcp.config.ServerModelBuilder;
import dk.npflan.dhcp.netbox.HostInventory;
import dk.npflan.dhcp.netbox.IpRange;
import dk.npflan.dhcp.netbox.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one entry point from a NetBox snapshot to a checked config: build the model, run our semantic
 * checks, render. It lives in {@code validate} (not {@code config}) so that the dependency runs one
 * way: {@code validate} uses the {@code config} model, {@code config} knows nothing of validation.
 * Callers (the {@code render} command, the pipeline) then run the backend's real server check and
 * publish only when both are clean.
 */
public final class ConfigBuild {

    private ConfigBuild() {}

    /**
     * The outcome: model, rendered files (also when invalid, for diagnosis), reports and errors.
     */
    public record Result(
            ServerModel model,
            RenderedConfig rendered,
            List<ConfigProblem> reports,
            List<ConfigProblem> errors) {

        public Result {
            reports = List.copyOf(reports);
            errors = List.copyOf(errors);
        }

        /** No semantic error; the real server check still has to pass before publishing. */
        public boolean isValid() {
            return errors.isEmpty();
        }
    }

    /**
     * @param selected the prefixes the selection chose (IPv6 among them is skipped and reported)
     * @param ranges every candidate IP range; only active ones (with an accepted role) inside a
     *     selected prefix of the same VRF become pools
     */
    public static Result from(List<Prefix> selected, List<IpRange> ranges, DhcpdSettings settings) {
        return from(selected, ranges, settings, new DhcpdConfigRenderer()::render);
    }

    /** The same, rendered by a backend's renderer. */
    public static Result from(
            List<Prefix> selected,
            List<IpRange> ranges,
            DhcpdSettings settings,
            Function<ServerModel, RenderedConfig> renderer) {
        return from(selected, ranges, HostInventory.empty(), settings, renderer);
    }

    /**
     * The same with host reservations: IP addresses with a reservation status inside a selected
     * prefix of the same VRF, with the interfaces that give their MACs.
     */
    public static Result from(
            List<Prefix> selected,
            List<IpRange> ranges,
            HostInventory hosts,
            DhcpdSettings settings,
            Function<ServerModel, RenderedConfig> renderer) {
        ServerModelBuilder.Built built =
                new ServerModelBuilder(settings).build(selected, ranges, hosts);
        List<ConfigProblem> reports = new ArrayList<>();
        List<ConfigProblem> errors = new ArrayList<>();
        for (ConfigProblem problem : built.problems()) {
            (problem.isError() ? errors : reports).add(problem);
        }
        errors.addAll(new SemanticValidator().validate(built.config()));
        return new Result(built.config(), renderer.apply(built.config()), reports, errors);
    }
}
