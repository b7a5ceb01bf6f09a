package dk.npflan.dhcp.rollout.kubernetes;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.rollout.PeerUnreachableException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the one pod of a role by label selector, each time it is asked: a recreated pod has a new
 * name and IP. Zero or several matching pods are an error that names the selector and the pods,
 * because talking to the wrong dhcpd (or to two) would break the restart order.
 */
public final class DhcpdPodLocator {

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, String> selector;
    private final String roleLabel;
    private final RolloutKubernetesSettings.Agent agent;

    public DhcpdPodLocator(
            KubernetesClient client, String namespace, RolloutKubernetesSettings settings) {
        this.client = client;
        this.namespace = namespace;
        this.selector = parseSelector(settings.pods().selector());
        this.roleLabel = settings.pods().roleLabel();
        this.agent = settings.agent();
    }

    /**
     * The role's pod; throws {@link PeerUnreachableException} saying why when there is not exactly
     * one with an IP.
     */
    public DhcpdPod locate(PeerRole role) {
        Map<String, String> labels = new LinkedHashMap<>(selector);
        labels.put(roleLabel, role.keyword());
        String described = namespace + " with labels " + labels;
        List<Pod> pods;
        try {
            pods =
                    client
                            .pods()
                            .inNamespace(namespace)
                            .withLabels(labels)
                            .list()
                            .getItems()
                            .stream()
                            // a terminating pod is on its way out; its replacement is the peer
                            .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                            .toList();
        } catch (KubernetesClientException e) {
            // the API server, not the agent: the roller's waits poll again, as for an agent
            throw new PeerUnreachableException(
                    "listing the " + role.keyword() + " pod in " + described + " failed: " + e, e);
        }
        if (pods.isEmpty()) {
            throw new PeerUnreachableException(
                    "no " + role.keyword() + " dhcpd pod in " + described);
        }
        if (pods.size() > 1) {
            throw new PeerUnreachableException(
                    String.format(
                            "%d %s dhcpd pods in %s (%s): exactly one per role is expected",
                            pods.size(),
                            role.keyword(),
                            described,
                            String.join(
                                    ", ",
                                    pods.stream().map(p -> p.getMetadata().getName()).toList())));
        }
        Pod pod = pods.get(0);
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        if (ip == null || ip.isBlank()) {
            throw new PeerUnreachableException(
                    String.format(
                            "%s pod %s has no IP yet (phase %s)",
                            role.keyword(),
                            pod.getMetadata().getName(),
                            pod.getStatus() == null ? "unknown" : pod.getStatus().getPhase()));
        }
        return new DhcpdPod(pod.getMetadata().getName(), ip, agentPort(pod));
    }

    private int agentPort(Pod pod) {
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            for (Container container : pod.getSpec().getContainers()) {
                for (ContainerPort port : container.getPorts()) {
                    if (agent.portName().equals(port.getName())
                            && port.getContainerPort() != null) {
                        return port.getContainerPort();
                    }
                }
            }
        }
        return agent.port();
    }

    static Map<String, String> parseSelector(String selector) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String term : selector.split(",")) {
            if (term.isBlank()) {
                continue;
            }
            int eq = term.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "pod selector term '" + term.strip() + "' is not key=value");
            }
            labels.put(term.substring(0, eq).strip(), term.substring(eq + 1).strip());
        }
        return labels;
    }
}
