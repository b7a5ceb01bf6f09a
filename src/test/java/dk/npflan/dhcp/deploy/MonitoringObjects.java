package dk.npflan.dhcp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus Operator objects and the Grafana dashboard as an install ships them: the
 * PrometheusRule is taken from the rendered {@code npflan} overlay (the one that includes the
 * component), so the tests check what {@code kubectl apply -k} would create.
 */
record MonitoringObjects(RenderedManifests render, GenericKubernetesResource prometheusRule) {

    /** The overlay that includes {@code components/prometheus-operator}. */
    static final String OVERLAY = "npflan";

    static final Path DASHBOARD =
            Path.of("deploy/components/prometheus-operator/grafana-dashboard.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Grafana's {@code label_values(metric, label)} variable query: the metric is its selector. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*\\w+\\)");

    static MonitoringObjects load() throws IOException, InterruptedException {
        RenderedManifests render = RenderedManifests.render(OVERLAY);
        GenericKubernetesResource rule =
                render.all(GenericKubernetesResource.class).stream()
                        .filter(o -> o.getKind().equals("PrometheusRule"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no PrometheusRule in " + OVERLAY));
        return new MonitoringObjects(render, rule);
    }

    /** The PrometheusRule's {@code spec}: exactly a plain Prometheus rules file. */
    JsonNode rulesFile() {
        return JSON.valueToTree(prometheusRule.getAdditionalProperties().get("spec"));
    }

    /** Each alerting rule of the PrometheusRule. */
    List<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode group : rulesFile().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.add(rule);
                }
            }
        }
        return alerts;
    }

    /** Every PromQL expression of the rules and of the dashboard's panels, with where it is. */
    Map<String, String> expressions() throws IOException {
        Map<String, String> where = new LinkedHashMap<>();
        for (JsonNode group : rulesFile().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                where.put(rule.path("expr").asText(), "rule " + rule.path("alert").asText());
            }
        }
        for (JsonNode panel : dashboardPanels()) {
            for (JsonNode target : panel.path("targets")) {
                where.put(target.path("expr").asText(), "panel " + panel.path("title").asText());
            }
        }
        JsonNode dashboard = JSON.readTree(Files.readString(DASHBOARD));
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
            if (m.matches()) {
                where.put(m.group(1), "variable " + variable.path("name").asText());
            }
        }
        return where;
    }

    static List<JsonNode> dashboardPanels() throws IOException {
        List<JsonNode> panels = new ArrayList<>();
        JsonNode dashboard = JSON.readTree(Files.readString(DASHBOARD));
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }
}
