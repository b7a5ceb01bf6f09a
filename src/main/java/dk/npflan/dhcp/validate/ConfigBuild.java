package dk.npflan.dhcp.validate;

import dk.npflan.dhcp.config.ConfigProblem;
import dk.npflan.dhcp.config.DhcpdConfig;
import dk.npflan.dhcp.config.DhcpdConfigRenderer;
import dk.npflan.dhcp.config.DhcpdModelBuilder;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.netbox.IpRange;
import dk.npflan.dhcp.netbox.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one entry point from a NetBox snapshot to a checked config: build the model, run our semantic
 * checks, render. It lives in {@code validate} (not {@code config}) so that the dependency runs one
 * way: {@code validate} uses the {@code config} model, {@code config} knows nothing of validation.
 * Callers (the {@code render} command, the pipeline) then run {@code dhcpd -t} with {@link
 * DhcpdSyntaxChecker} and publish only when both are clean.
 */
public final class ConfigBuild {

    private ConfigBuild() {}

    /**
     * The outcome: model, rendered files (also when invalid, for diagnosis), reports and errors.
     */
    public record Result(
            DhcpdConfig model,
            RenderedConfig rendered,
            List<ConfigProblem> reports,
            List<ConfigProblem> errors) {

        public Result {
            reports = List.copyOf(reports);
            errors = List.copyOf(errors);
        }

        /** No semantic error; {@code dhcpd -t} still has to pass before publishing. */
        public boolean isValid() {
            return errors.isEmpty();
        }

        /**
         * The object whose subnet block holds {@code line} (1-based) of the rendered dhcpd.conf, so
         * a {@code dhcpd -t} error such as {@code dhcpd.conf line 43: …} can name the NetBox
         * prefix. Empty for the global part before the first subnet.
         */
        public Optional<NetBoxObject> objectAtLine(int line) {
            return new SubnetLocator(rendered.config(), model.allSubnets()).locate(line);
        }
    }

    /**
     * @param selected the prefixes the selection chose (IPv6 among them is skipped and reported)
     * @param ranges every candidate IP range; only active ones (with an accepted role) inside a
     *     selected prefix of the same VRF become pools
     */
    public static Result from(List<Prefix> selected, List<IpRange> ranges, DhcpdSettings settings) {
        DhcpdModelBuilder.Built built = new DhcpdModelBuilder(settings).build(selected, ranges);
        List<ConfigProblem> reports = new ArrayList<>();
        List<ConfigProblem> errors = new ArrayList<>();
        for (ConfigProblem problem : built.problems()) {
            (problem.isError() ? errors : reports).add(problem);
        }
        errors.addAll(new SemanticValidator().validate(built.config()));
        return new Result(
                built.config(), new DhcpdConfigRenderer().render(built.config()), reports, errors);
    }
}
