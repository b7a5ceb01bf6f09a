package dk.npflan.dhcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PrometheusRule, the monitors and the runbook they point at, as the {@code npflan} overlay
 * renders them: the rules pass {@code promtool} (check and the unit cases of {@code
 * deploy/rules-test.yaml}), every alert of the runbook's table exists and links to a section that
 * exists, and the monitors select objects of the render by the ports those declare.
 */
@Tag("slow")
class AlertRulesTest {

    private static final Path RUNBOOK = Path.of("docs/operations.md");
    private static final String RUNBOOK_URL =
            "https://github.com/npflan/netbox-dhcpd/blob/main/docs/operations.md#";
    private static final Pattern ALERT_ROW = Pattern.compile("(?m)^\\| `(Dhcp\\w+)` \\|");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{2,4} (.+)$");

    private static MonitoringObjects monitoring;

    @TempDir Path dir;

    @BeforeAll
    static void render() throws Exception {
        monitoring = MonitoringObjects.load();
    }

    @Test
    void promtoolCheckRules_passesOnTheRuleSpec() throws Exception {
        Path rules = writeRulesFile();

        Result check = promtool("check", "rules", rules.toString());

        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + monitoring.alerts().size() + " rules");
    }

    @Test
    void promtoolTestRules_alertsFireAndStayQuietAsTheCasesExpect() throws Exception {
        writeRulesFile();
        Path cases = dir.resolve("rules-test.yaml");
        try (InputStream in = getClass().getResourceAsStream("/deploy/rules-test.yaml")) {
            Files.copy(Objects.requireNonNull(in), cases);
        }

        Result test = promtool("test", "rules", cases.toString());

        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertOfTheRunbookTable_isARule_andLinksToAnExistingRunbookSection() throws Exception {
        String runbook = Files.readString(RUNBOOK);
        Set<String> documented = new TreeSet<>();
        Matcher row = ALERT_ROW.matcher(runbook);
        while (row.find()) {
            documented.add(row.group(1));
        }
        Map<String, String> sections = new HashMap<>();
        Matcher heading = HEADING.matcher(runbook);
        while (heading.find()) {
            sections.put(anchor(heading.group(1)), heading.group(1).strip());
        }

        assertThat(monitoring.alerts())
                .extracting(a -> a.path("alert").asText())
                .containsExactlyInAnyOrderElementsOf(documented)
                .contains(
                        "DhcpFailoverNotNormal",
                        "DhcpRolloutFailed",
                        "DhcpConfigRejected",
                        "DhcpConfigHeld",
                        "DhcpNoRecentResync",
                        "DhcpPoolNearlyFull",
                        "DhcpAgentCrashLoop",
                        "DhcpNoPeerReady",
                        "DhcpPeerNotReady",
                        "DhcpScrapeTargetDown",
                        "DhcpPendingEventsStuck",
                        "DhcpConfigNotRunning",
                        "DhcpLeaseVolumeNearlyFull",
                        "DhcpPartnerDown");
        for (JsonNode alert : monitoring.alerts()) {
            String name = alert.path("alert").asText();
            String url = alert.path("annotations").path("runbook_url").asText();
            assertThat(url).as(name).startsWith(RUNBOOK_URL);
            String section = sections.get(url.substring(RUNBOOK_URL.length()));
            assertThat(section).as(name + ": section " + url).isNotNull();
            assertThat(alert.path("annotations").path("description").asText())
                    .as(name)
                    .contains("docs/operations.md, \"" + section + "\"");
            assertThat(alert.path("labels").path("severity").asText())
                    .as(name)
                    .isIn("warning", "critical");
        }
    }

    @Test
    void serviceMonitor_selectsOnlyTheListenerService_byItsNamedPort() {
        GenericKubernetesResource monitor = monitor("ServiceMonitor");
        Map<String, Object> spec = spec(monitor);
        Map<String, String> selector = matchLabels(spec.get("selector"));
        String port = String.valueOf(first(spec.get("endpoints")).get("port"));

        List<Service> selected =
                monitoring.render().all(Service.class).stream()
                        .filter(s -> inNamespaceOf(monitor, s.getMetadata().getNamespace()))
                        .filter(s -> labelsMatch(s.getMetadata().getLabels(), selector))
                        .toList();

        assertThat(selected)
                .extracting(s -> s.getMetadata().getName())
                .containsExactly("netbox-dhcpd");
        assertThat(selected.get(0).getSpec().getPorts())
                .extracting(ServicePort::getName)
                .contains(port);
        Deployment listener =
                monitoring.render().find(Deployment.class, "netbox-dhcpd").orElseThrow();
        assertThat(listener.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(selected.get(0).getSpec().getSelector());
        assertThat(first(spec.get("endpoints")).get("path")).isEqualTo("/q/metrics");
    }

    @Test
    void podMonitor_selectsBothDhcpdPeers_byTheAgentPortTheyDeclare() {
        GenericKubernetesResource monitor = monitor("PodMonitor");
        Map<String, Object> spec = spec(monitor);
        Map<String, String> selector = matchLabels(spec.get("selector"));
        String port = String.valueOf(first(spec.get("podMetricsEndpoints")).get("port"));

        List<Deployment> selected =
                monitoring.render().all(Deployment.class).stream()
                        .filter(d -> inNamespaceOf(monitor, d.getMetadata().getNamespace()))
                        .filter(
                                d ->
                                        labelsMatch(
                                                d.getSpec().getTemplate().getMetadata().getLabels(),
                                                selector))
                        .toList();

        assertThat(selected)
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("dhcpd-primary", "dhcpd-secondary");
        for (Deployment peer : selected) {
            assertThat(peer.getSpec().getTemplate().getSpec().getContainers())
                    .flatExtracting(c -> c.getPorts())
                    .extracting(ContainerPort::getName)
                    .as(peer.getMetadata().getName())
                    .contains(port);
        }
        assertThat(first(spec.get("podMetricsEndpoints")).get("path")).isEqualTo("/metrics");
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        return heading.strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 \\-]", "")
                .replace(' ', '-');
    }

    private Path writeRulesFile() throws IOException {
        Path rules = dir.resolve("rules.yml");
        new YAMLMapper().writeValue(rules.toFile(), monitoring.rulesFile());
        return rules;
    }

    private static GenericKubernetesResource monitor(String kind) {
        return monitoring.render().all(GenericKubernetesResource.class).stream()
                .filter(o -> o.getKind().equals(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in the render"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> matchLabels(Object selector) {
        Map<String, Object> s = (Map<String, Object>) selector;
        assertThat(s).as("selector uses matchLabels only").containsOnlyKeys("matchLabels");
        return (Map<String, String>) s.get("matchLabels");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(Object list) {
        List<Map<String, Object>> entries = (List<Map<String, Object>>) list;
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    /** Without a namespaceSelector a monitor selects in its own namespace only. */
    private static boolean inNamespaceOf(GenericKubernetesResource monitor, String namespace) {
        assertThat(spec(monitor)).doesNotContainKey("namespaceSelector");
        return monitor.getMetadata().getNamespace().equals(namespace);
    }

    private static boolean labelsMatch(Map<String, String> labels, Map<String, String> selector) {
        return labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    private record Result(int exit, String output) {}

    private static Result promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
