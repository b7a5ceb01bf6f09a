package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.backend.BundleCheck;
import dk.npflan.dhcp.backend.ServerBackend;
import dk.npflan.dhcp.config.ConfigProblem;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.netbox.InventoryException;
import dk.npflan.dhcp.netbox.InventorySource;
import dk.npflan.dhcp.netbox.NetBoxSettings;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.netbox.PrefixSelection;
import dk.npflan.dhcp.netbox.SelectedInventory;
import dk.npflan.dhcp.validate.ConfigBuild;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Inventory snapshot → selection → {@link ConfigBuild} (model, semantic checks, the backend's
 * render) → the backend's real server check for both roles: the same steps as the {@code render}
 * command, as a service bean. It has no side effects, so {@code GET /preview} uses it as is.
 */
@ApplicationScoped
public class CandidateBuilder {

    private static final Logger LOG = Logger.getLogger(CandidateBuilder.class);

    private final InventorySource source;
    private final NetBoxSettings netbox;
    private final DhcpdSettings dhcpd;
    private final ServerBackend backend;

    public CandidateBuilder(
            InventorySource source,
            NetBoxSettings netbox,
            DhcpdSettings dhcpd,
            ServerBackend backend) {
        this.source = source;
        this.netbox = netbox;
        this.dhcpd = dhcpd;
        this.backend = backend;
    }

    public String describeSource() {
        return source.describe();
    }

    public Candidate build() {
        long started = System.nanoTime();
        SelectedInventory selected;
        try {
            selected = PrefixSelection.from(netbox.selection()).apply(source.load());
        } catch (InventoryException e) {
            return new Candidate.Unavailable(e);
        }
        long loaded = System.nanoTime();
        List<Prefix> prefixes = new ArrayList<>(selected.prefixes());
        prefixes.addAll(selected.skippedIpv6()); // reported as skipped, naming each
        ConfigBuild.Result build =
                ConfigBuild.from(
                        prefixes, selected.ipRanges(), selected.hosts(), dhcpd, backend::render);
        long rendered = System.nanoTime();
        Set<String> synthetic = new LinkedHashSet<>();
        build.model().serverNetwork().ifPresent(s -> synthetic.add(s.network().toString()));
        synthetic.add(build.model().probe().network().toString());

        List<Map<String, Object>> errors = new ArrayList<>();
        for (ConfigProblem problem : build.errors()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("check", "semantic");
            error.put("kind", problem.kind().name());
            error.put("object", object(problem.object()));
            error.put("message", problem.message());
            errors.add(error);
        }
        String checked = "not run (semantic errors)";
        if (build.isValid()) {
            BundleCheck syntax = backend.check(build.rendered(), build.model());
            for (BundleCheck.Role role : syntax.roles().values()) {
                if (!role.passed()) {
                    errors.add(serverError(role));
                }
            }
            checked =
                    millis(rendered, System.nanoTime())
                            + " ms (primary "
                            + syntax.role(PeerRole.PRIMARY).elapsed().toMillis()
                            + " ms, secondary "
                            + syntax.role(PeerRole.SECONDARY).elapsed().toMillis()
                            + " ms)";
        }
        // where a reconcile's time goes; docs/benchmarks.md reads these lines
        LOG.infof(
                "candidate %.12s: snapshot %d ms (%d prefixes, %d IP ranges), model+checks+render"
                        + " %d ms, %s %s",
                build.rendered().sha256(),
                millis(started, loaded),
                selected.prefixes().size(),
                selected.ipRanges().size(),
                millis(loaded, rendered),
                backend.checkName(),
                checked);
        return errors.isEmpty()
                ? new Candidate.Ready(backend, build, synthetic)
                : new Candidate.Rejected(backend, build, synthetic, errors);
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    private Map<String, Object> serverError(BundleCheck.Role role) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("check", backend.checkName());
        error.put("role", role.role().keyword());
        error.put("outcome", role.outcome());
        role.error()
                .ifPresent(
                        e -> {
                            e.file().ifPresent(f -> error.put("file", f));
                            if (e.line().isPresent()) {
                                error.put("line", e.line().getAsInt());
                            }
                            error.put("message", e.message());
                            e.object().ifPresent(o -> error.put("object", object(o)));
                        });
        return error;
    }

    static Map<String, Object> object(NetBoxObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", o.type());
        m.put("id", o.id());
        m.put("display", o.display());
        m.put("url", o.url());
        return m;
    }
}
