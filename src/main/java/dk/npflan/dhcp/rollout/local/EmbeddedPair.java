package dk.npflan.dhcp.rollout.local;

import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.PublishedBundle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The embedded run's pair: a {@link LocalPair} in the standard layout (dhcpd, or Kea with {@code
 * NETBOX_DHCPD_BACKEND=kea}: {@link #layout(PairServer)}), serving from the start on a bootstrap
 * bundle (the settings' server network and probe subnet, no NetBox subnet), so that the first
 * config from the inventory, like every later one, reaches the peers through the roller's staggered
 * rollout; and the client namespace {@code nbd-client} behind a relay to both peers ({@link
 * ClientNetwork}) on {@link #CLIENT_SUBNET}, which the sample inventory contains.
 *
 * <p>With a run directory, a {@code serve} killed with {@code kill -9} leaves the pair, the relay
 * and {@code nbd-client} running, and the next {@code serve} on that directory adopts them as they
 * are ({@link LocalPair#adopt}, {@link ClientNetwork#adopt}): dhcpd keeps serving across the
 * restart and a user's {@code dhclient} keeps its lease. Only what is gone is rebuilt: a client
 * network without its relay, or the whole pair (and then the client network) when an agent is gone
 * or does not take the recorded token. A Kea pair is not adopted: it is rebuilt ({@link
 * LocalPair#adopt}).
 */
public final class EmbeddedPair implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPair.class);

    /** The dhcpd pair's layout, {@link #layout(PairServer)} of {@link PairServer#DHCPD}. */
    public static final LocalPair.Layout LAYOUT = layout(PairServer.DHCPD);

    /** The subnet of {@code nbd-client}; the relay is its {@code .1}. */
    public static final Ipv4Network CLIENT_SUBNET = Ipv4Network.of("198.18.100.0/24");

    private final LocalPair pair;
    private final LocalTarget target;
    private final ClientNetwork clients;

    private EmbeddedPair(LocalPair pair, LocalTarget target, ClientNetwork clients) {
        this.pair = pair;
        this.target = target;
        this.clients = clients;
    }

    /**
     * The layout of the embedded run's pair of {@code server}: {@code serve} applies {@link
     * LocalPair#configSettings(LocalPair.Layout)} of it.
     */
    public static LocalPair.Layout layout(PairServer server) {
        return LocalPair.Layout.standard(server, Map.of());
    }

    /**
     * Builds the dhcpd pair, publishes {@code bootstrap} as the first and last good bundle, starts
     * both agents, waits until the pair is normal, then builds the client network. Blocks for the
     * pair's first sync (seconds with a bootstrap bundle).
     *
     * @throws IllegalStateException saying what failed, after removing whatever was built
     */
    public static EmbeddedPair start(
            RenderedConfig bootstrap, int historySize, Duration firstSyncTimeout) {
        return start(LAYOUT, bootstrap, historySize, firstSyncTimeout, Optional.empty());
    }

    /**
     * {@link #start(RenderedConfig, int, Duration)} for a pair of {@code layout}, or, when {@code
     * runDir} holds a pair and a client network an earlier process left running, those, adopted:
     * then nothing is published or restarted (the published bundle and the last good one are the
     * earlier process's), and the call returns once the pair is normal.
     */
    public static EmbeddedPair start(
            LocalPair.Layout layout,
            RenderedConfig bootstrap,
            int historySize,
            Duration firstSyncTimeout,
            Optional<Path> runDir) {
        Optional<Path> pairDir = runDir.map(dir -> dir.resolve("pair"));
        Optional<Path> clientDir = runDir.map(dir -> dir.resolve("client-network"));
        Optional<LocalPair> adopted = pairDir.flatMap(dir -> LocalPair.adopt(layout, dir));
        if (adopted.isPresent()) {
            LocalPair pair = adopted.get();
            try {
                LocalTarget target =
                        new LocalTarget(pair, historySize, List.copyOf(bootstrap.files().keySet()));
                pair.awaitNormal(firstSyncTimeout);
                ClientNetwork clients =
                        ClientNetwork.adopt(pair.network(), CLIENT_SUBNET, clientDir.orElseThrow())
                                .orElseGet(
                                        () ->
                                                ClientNetwork.create(
                                                        pair.network(),
                                                        CLIENT_SUBNET,
                                                        clientDir.orElseThrow()));
                return new EmbeddedPair(pair, target, clients);
            } catch (RuntimeException e) {
                LOG.errorf("the adopted local failover pair is not usable: %s", e.getMessage());
                pair.close();
                throw e;
            }
        }
        LocalPair pair = LocalPair.create(layout, pairDir.orElse(null));
        try {
            LocalTarget target =
                    new LocalTarget(pair, historySize, List.copyOf(bootstrap.files().keySet()));
            PublishedBundle first = target.publish(bootstrap, PublishMetadata.bootstrap());
            target.recordLastGood(first);
            pair.startAgents();
            pair.awaitNormal(firstSyncTimeout);
            ClientNetwork clients =
                    ClientNetwork.create(pair.network(), CLIENT_SUBNET, clientDir.orElse(null));
            LOG.infof(
                    "local %s normal (primary %s, secondary %s); DHCP clients: ip netns"
                            + " exec %s dhclient -1 -v %s (relay %s)",
                    layout.server().pairName(),
                    pair.address(PeerRole.PRIMARY),
                    pair.address(PeerRole.SECONDARY),
                    clients.clientNetns(),
                    clients.clientInterface(),
                    clients.relayAddress());
            return new EmbeddedPair(pair, target, clients);
        } catch (RuntimeException e) {
            LOG.errorf(
                    "the local %s did not start: %s%n%s",
                    layout.server().pairName(), e.getMessage(), tail(pair));
            pair.close();
            throw e;
        }
    }

    public LocalTarget target() {
        return target;
    }

    public LocalPair pair() {
        return pair;
    }

    public ClientNetwork clients() {
        return clients;
    }

    /** Stops the relay and both agents (and their dhcpd), removes every namespace and file. */
    @Override
    public void close() {
        clients.close();
        pair.close();
        LOG.info(
                "stopped the local failover pair and the relay; removed their namespaces and"
                        + " files");
    }

    private static String tail(LocalPair pair) {
        String logs = pair.logs();
        return logs.substring(Math.max(0, logs.length() - 4000));
    }
}
