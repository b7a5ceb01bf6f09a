package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.audit.KafkaAuditSink;
import dk.npflan.dhcp.backend.ServerBackend;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.InProcessRolloutLock;
import dk.npflan.dhcp.rollout.Peer;
import dk.npflan.dhcp.rollout.Roller;
import dk.npflan.dhcp.rollout.RolloutSettings;
import dk.npflan.dhcp.rollout.agent.AgentClient;
import dk.npflan.dhcp.rollout.kubernetes.KubernetesTarget;
import dk.npflan.dhcp.rollout.kubernetes.LeaseRolloutLock;
import dk.npflan.dhcp.rollout.kubernetes.RolloutKubernetesSettings;
import dk.npflan.dhcp.rollout.local.DirectoryTarget;
import dk.npflan.dhcp.rollout.local.EmbeddedPair;
import dk.npflan.dhcp.rollout.local.LocalPair;
import dk.npflan.dhcp.rollout.local.LocalPairSettings;
import dk.npflan.dhcp.rollout.local.PairServer;
import dk.npflan.dhcp.rollout.local.RolloutDirectorySettings;
import dk.npflan.dhcp.settings.EnvVars;
import dk.npflan.dhcp.validate.ConfigBuild;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Binds the pipeline's {@link ConfigRollout} to the roller over the target that {@code
 * netbox-dhcpd.rollout.target} names. Step records go to {@link KafkaAuditSink} (the audit topic,
 * the log and the {@code netbox_dhcpd_rollout_steps_total} counter).
 */
@ApplicationScoped
public class RolloutProducer {

    private static final Logger LOG = Logger.getLogger(RolloutProducer.class);

    /** How long a new local pair may take to be normal on its bootstrap bundle. */
    static final Duration LOCAL_FIRST_SYNC = Duration.ofMinutes(3);

    @Produces
    @ApplicationScoped
    ConfigRollout rollout(
            RolloutSettings configured,
            Instance<KubernetesClient> kubernetes,
            Instance<RolloutKubernetesSettings> kubernetesSettings,
            RolloutDirectorySettings directory,
            LocalPairSettings localPair,
            DhcpdSettings dhcpd,
            ServerBackend backend,
            KafkaAuditSink audit) {
        // the backend's own hold of the gates (Kea's agent gates its apply itself)
        RolloutSettings settings =
                backend.gateStableFor().map(configured::withGateStableFor).orElse(configured);
        return switch (settings.target()) {
            case NONE -> {
                LOG.info(
                        "rollout target: none (netbox-dhcpd.rollout.target): configs are rendered"
                                + " and checked, never published");
                yield new NoTargetRollout();
            }
            case KUBERNETES -> {
                KubernetesClient client = kubernetes.get();
                RolloutKubernetesSettings k8s = kubernetesSettings.get();
                KubernetesTarget target =
                        new KubernetesTarget(
                                client, k8s, settings.historySize(), backend.fileNames());
                LeaseRolloutLock lock =
                        new LeaseRolloutLock(client, target.namespace(), k8s.lease());
                LOG.infof("rollout target: kubernetes, namespace %s", target.namespace());
                yield new RollerRollout(
                        new Roller(target, lock, audit, settings), target, target.control());
            }
            case DIRECTORY -> {
                DirectoryTarget target =
                        directoryTarget(directory, settings.historySize(), backend.fileNames());
                LOG.infof(
                        "rollout target: directory, publishing into %s",
                        directory.configDirs().orElseThrow());
                yield new RollerRollout(
                        new Roller(target, new InProcessRolloutLock(), audit, settings),
                        target,
                        target.control());
            }
            case LOCAL -> {
                RenderedConfig bootstrap =
                        ConfigBuild.from(List.of(), List.of(), dhcpd, backend::render).rendered();
                LocalPair.Layout layout =
                        EmbeddedPair.layout(PairServer.forBackend(backend.name()));
                LOG.infof(
                        "rollout target: local, starting the %s on this machine (namespaces %s*)",
                        layout.server().pairName(), layout.prefix());
                yield new LocalPairRollout(
                        () ->
                                EmbeddedPair.start(
                                        layout,
                                        bootstrap,
                                        settings.historySize(),
                                        LOCAL_FIRST_SYNC,
                                        localPair.runDir()),
                        pair ->
                                new RollerRollout(
                                        new Roller(
                                                pair.target(),
                                                new InProcessRolloutLock(),
                                                audit,
                                                settings),
                                        pair.target()),
                        LOCAL_FIRST_SYNC.plusSeconds(60));
            }
        };
    }

    /** Removes the local pair (and anything else a rollout holds) when the service stops. */
    void close(@Disposes ConfigRollout rollout) throws Exception {
        if (rollout instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** The {@code directory} target; every setting it needs is named when missing. */
    static DirectoryTarget directoryTarget(
            RolloutDirectorySettings settings, int historySize, List<String> fileNames) {
        String prefix = "netbox-dhcpd.rollout.directory.";
        List<Path> dirs =
                settings.configDirs()
                        .filter(d -> !d.isEmpty())
                        .orElseThrow(() -> missing(prefix + "config-dirs"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        AgentClient.Timeouts timeouts =
                new AgentClient.Timeouts(settings.stateTimeout(), settings.restartTimeout());
        Map<PeerRole, Peer> peers = new EnumMap<>(PeerRole.class);
        for (PeerRole role : PeerRole.values()) {
            String key = prefix + role.keyword() + "-agent";
            URI uri =
                    (role == PeerRole.PRIMARY ? settings.primaryAgent() : settings.secondaryAgent())
                            .orElseThrow(() -> missing(key));
            peers.put(
                    role,
                    new AgentClient(
                            role,
                            () -> uri,
                            settings.agentTokenFile(),
                            timeouts,
                            http,
                            AgentClient.Nudge.none()));
        }
        return new DirectoryTarget(dirs, settings.stateDir(), peers, historySize, fileNames);
    }

    private static IllegalStateException missing(String property) {
        return new IllegalStateException(
                "netbox-dhcpd.rollout.target=directory needs "
                        + property
                        + " ("
                        + EnvVars.of(property)
                        + ")");
    }
}
