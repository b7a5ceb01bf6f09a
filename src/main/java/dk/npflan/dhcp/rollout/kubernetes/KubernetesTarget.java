package dk.npflan.dhcp.rollout.kubernetes;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.Peer;
import dk.npflan.dhcp.rollout.PeerUnreachableException;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.PublishedBundle;
import dk.npflan.dhcp.rollout.RolloutControlStore;
import dk.npflan.dhcp.rollout.RolloutTarget;
import dk.npflan.dhcp.rollout.TargetUnavailableException;
import dk.npflan.dhcp.rollout.agent.AgentClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The rollout target on Kubernetes: bundles go into the ConfigMap the dhcpd pods mount, the last
 * good bundle and a short history into a second ConfigMap, and the peers are the two pods found by
 * label selector, reached through their agents. Every ConfigMap write is optimistic (carries the
 * resourceVersion read), so two writers never overwrite each other silently.
 *
 * <p>RBAC it needs, and nothing more: configmaps get/create/update, pods get/list/patch, and in
 * rollout-restart mode deployments get/patch; the Lease lock adds leases get/create/patch
 * (docs/rollout-kubernetes.md).
 */
public final class KubernetesTarget implements RolloutTarget {

    private static final Logger LOG = Logger.getLogger(KubernetesTarget.class);

    private final KubernetesClient client;
    private final RolloutKubernetesSettings settings;
    private final String namespace;
    private final ConfigMapWriter writer;
    private final DhcpdPodLocator pods;
    private final HttpClient http;
    private final int historySize;
    private final List<String> bundleFiles;

    /**
     * @param historySize bundles kept besides the last good one ({@code
     *     netbox-dhcpd.rollout.history-size})
     */
    public KubernetesTarget(
            KubernetesClient client,
            RolloutKubernetesSettings settings,
            int historySize,
            List<String> bundleFiles) {
        this(client, settings, historySize, agentHttp(settings), bundleFiles);
    }

    /** A target for dhcpd's bundles (the tests' default). */
    public KubernetesTarget(
            KubernetesClient client, RolloutKubernetesSettings settings, int historySize) {
        this(client, settings, historySize, agentHttp(settings), BundleFiles.NAMES);
    }

    public KubernetesTarget(
            KubernetesClient client,
            RolloutKubernetesSettings settings,
            int historySize,
            HttpClient http) {
        this(client, settings, historySize, http, BundleFiles.NAMES);
    }

    /**
     * @param bundleFiles the backend's bundle files in hash order: the keys of the published
     *     ConfigMap
     */
    public KubernetesTarget(
            KubernetesClient client,
            RolloutKubernetesSettings settings,
            int historySize,
            HttpClient http,
            List<String> bundleFiles) {
        this.bundleFiles = List.copyOf(bundleFiles);
        this.client = client;
        this.historySize = historySize;
        this.settings = settings;
        this.namespace = settings.namespace().orElseGet(client::getNamespace);
        if (namespace == null) {
            throw new IllegalStateException(
                    "no namespace: set netbox-dhcpd.rollout.kubernetes.namespace or run in a pod");
        }
        this.writer = new ConfigMapWriter(client, namespace, settings.publish());
        this.pods = new DhcpdPodLocator(client, namespace, settings);
        this.http = http;
    }

    private static HttpClient agentHttp(RolloutKubernetesSettings settings) {
        return HttpClient.newBuilder()
                .connectTimeout(settings.agent().connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public Optional<PublishedBundle> published() {
        return api("read ConfigMap " + settings.configMap(), () -> read(settings.configMap()))
                .flatMap(this::decode);
    }

    @Override
    public PublishedBundle publish(RenderedConfig bundle, PublishMetadata metadata) {
        ConfigMapBundle content = ConfigMapBundle.encode(bundle, bundleFiles);
        ConfigMap stored =
                api(
                        "write ConfigMap " + settings.configMap(),
                        () -> write(bundle, metadata, content));
        LOG.infof(
                "published %s to ConfigMap %s/%s (%s, %d bytes stored, resourceVersion %s)",
                bundle.sha256(),
                namespace,
                settings.configMap(),
                content.compressed() ? "gzipped binaryData" : "data",
                content.storedBytes(),
                stored.getMetadata().getResourceVersion());
        return decode(stored)
                .orElseThrow(
                        () -> new IllegalStateException("published ConfigMap reads back empty"));
    }

    private ConfigMap write(
            RenderedConfig bundle, PublishMetadata metadata, ConfigMapBundle content) {
        return writer.write(
                settings.configMap(),
                current -> {
                    if (current.flatMap(this::decode)
                            .filter(p -> p.hash().equals(bundle.sha256()))
                            .isPresent()) {
                        return Optional.empty(); // idempotent by hash
                    }
                    return Optional.of(withBundle(current, content, bundle, metadata));
                });
    }

    @Override
    public Optional<PublishedBundle> lastGood() {
        return api(
                        "read ConfigMap " + settings.historyConfigMap(),
                        () -> read(settings.historyConfigMap()))
                .flatMap(cm -> new BundleHistory(cm.getData(), cm.getBinaryData()).lastGood());
    }

    @Override
    public void recordLastGood(PublishedBundle bundle) {
        api("write ConfigMap " + settings.historyConfigMap(), () -> recordInHistory(bundle));
        LOG.infof("recorded %s as last good bundle", bundle.hash());
    }

    private ConfigMap recordInHistory(PublishedBundle bundle) {
        return writer.write(
                settings.historyConfigMap(),
                current -> {
                    BundleHistory history =
                            current.map(cm -> new BundleHistory(cm.getData(), cm.getBinaryData()))
                                    .orElseGet(() -> new BundleHistory(Map.of(), Map.of()));
                    if (history.lastGoodHash().filter(bundle.hash()::equals).isPresent()) {
                        return Optional.empty();
                    }
                    BundleHistory next = history.withLastGood(bundle, historySize);
                    ConfigMapBuilder builder =
                            current.map(ConfigMapBuilder::new).orElseGet(ConfigMapBuilder::new);
                    return Optional.of(
                            builder.editOrNewMetadata()
                                    .endMetadata()
                                    .withData(next.data())
                                    .withBinaryData(next.binaryData())
                                    .build());
                });
    }

    /**
     * An API call of the roller's: a failure other than a conflict (handled by the writer) is the
     * platform being unavailable, which the roller retries with back-off.
     */
    private <T> T api(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw new TargetUnavailableException(
                    what + " in " + namespace + ": " + e.getMessage(), e);
        }
    }

    /**
     * The pause and the held bundle, as annotations of the history ConfigMap: shared by every
     * replica, written under the rollout lock (docs/rollout.md, "Failure memory and the pause").
     */
    public RolloutControlStore control() {
        return new ConfigMapRolloutControl(writer, this::read, settings.historyConfigMap());
    }

    /**
     * The role's peer. Its pod is looked up on every call, so a missing, doubled or address-less
     * pod shows up where the roller expects trouble: {@link
     * dk.npflan.dhcp.rollout.PeerUnreachableException} from {@code state()} and {@code nudge()},
     * {@code Unreachable} from {@code restart()}, each naming the selector and the pods.
     */
    @Override
    public Peer peer(PeerRole role) {
        AgentClient agent =
                new AgentClient(
                        role,
                        () -> pods.locate(role).agentUri(),
                        settings.agent().tokenFile(),
                        new AgentClient.Timeouts(
                                settings.agent().stateTimeout(), settings.agent().restartTimeout()),
                        http,
                        hash -> nudge(role, hash));
        if (settings.restartMode() == RestartMode.ROLLOUT_RESTART) {
            String deployment =
                    role == PeerRole.PRIMARY
                            ? settings.rolloutRestart().primaryDeployment()
                            : settings.rolloutRestart().secondaryDeployment();
            return new RolloutRestartPeer(
                    agent,
                    new DeploymentRollout(
                            client,
                            namespace,
                            settings.rolloutRestart().pollInterval(),
                            Clock.systemUTC()),
                    deployment,
                    settings.rolloutRestart().timeout());
        }
        return agent;
    }

    /**
     * Annotates the role's pod with the hash: a pod update makes the kubelet resync the pod and
     * refresh its ConfigMap volumes now instead of after its sync period plus cache delay.
     */
    private void nudge(PeerRole role, String hash) {
        DhcpdPod pod = pods.locate(role);
        String patch =
                String.format(
                        "{\"metadata\":{\"annotations\":{\"%s\":\"%s\"}}}",
                        RolloutAnnotations.CONFIG_HASH, hash);
        try {
            client.pods()
                    .inNamespace(namespace)
                    .withName(pod.name())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        } catch (KubernetesClientException e) {
            // a nudge only hurries the kubelet; propagation waits for the mount either way
            throw new PeerUnreachableException(
                    "annotating pod " + pod.name() + " failed: " + e.getMessage(), e);
        }
        LOG.debugf("nudged %s pod %s with %s", role.keyword(), pod.name(), hash);
    }

    private Optional<ConfigMap> read(String name) {
        return Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(name).get());
    }

    private static ConfigMap withBundle(
            Optional<ConfigMap> current,
            ConfigMapBundle content,
            RenderedConfig bundle,
            PublishMetadata metadata) {
        ConfigMap next =
                current.map(cm -> new ConfigMapBuilder(cm).build()).orElseGet(ConfigMap::new);
        if (next.getMetadata() == null) {
            next.setMetadata(new ObjectMeta());
        }
        Map<String, String> annotations =
                new LinkedHashMap<>(
                        next.getMetadata().getAnnotations() == null
                                ? Map.of()
                                : next.getMetadata().getAnnotations());
        annotations.put(RolloutAnnotations.CONFIG_HASH, bundle.sha256());
        annotations.put(RolloutAnnotations.GENERATED_AT, metadata.generatedAt().toString());
        annotations.put(
                RolloutAnnotations.NETBOX_REQUEST_IDS,
                String.join(",", metadata.netboxRequestIds()));
        next.getMetadata().setAnnotations(annotations);
        next.setData(content.data().isEmpty() ? null : new LinkedHashMap<>(content.data()));
        next.setBinaryData(
                content.binaryData().isEmpty() ? null : new LinkedHashMap<>(content.binaryData()));
        return next;
    }

    private Optional<PublishedBundle> decode(ConfigMap cm) {
        Optional<RenderedConfig> bundle =
                ConfigMapBundle.decode(cm.getData(), cm.getBinaryData(), bundleFiles);
        if (bundle.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> annotations =
                cm.getMetadata().getAnnotations() == null
                        ? Map.of()
                        : cm.getMetadata().getAnnotations();
        String annotated = annotations.get(RolloutAnnotations.CONFIG_HASH);
        if (annotated != null && !annotated.equals(bundle.get().sha256())) {
            // the content is what the pods mount; the annotation is only a label on it
            LOG.warnf(
                    "ConfigMap %s/%s is annotated %s but its content hashes to %s: edited by hand?",
                    namespace, cm.getMetadata().getName(), annotated, bundle.get().sha256());
        }
        return Optional.of(
                new PublishedBundle(
                        bundle.get(),
                        generatedAt(annotations.get(RolloutAnnotations.GENERATED_AT)),
                        requestIds(annotations.get(RolloutAnnotations.NETBOX_REQUEST_IDS))));
    }

    private static Instant generatedAt(String value) {
        if (value == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static List<String> requestIds(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
