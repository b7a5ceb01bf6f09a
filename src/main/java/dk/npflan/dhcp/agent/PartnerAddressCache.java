package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows dhcpd's own cache of its partner's address ({@code common/tree.c}): the {@code peer
 * address} is resolved when dhcpd starts, a success is kept for {@link #KEPT} (an hour), a failure
 * is tried again after {@link #RETRY}. dhcpd looks the name up again only when its entry expired,
 * so between two starts of dhcpd this is what it accepts failover connections from.
 */
public final class PartnerAddressCache {

    /** How long dhcpd keeps a successful lookup of a name in its config. */
    static final Duration KEPT = Duration.ofSeconds(3600);

    /** How soon dhcpd tries a failed lookup again. */
    static final Duration RETRY = Duration.ofSeconds(60);

    private static final Pattern PEER_ADDRESS =
            Pattern.compile("^\\s*peer\\s+address\\s+\"?([^\";\\s]+)\"?\\s*;", Pattern.MULTILINE);

    private final PeerRole role;
    private final HostResolver resolver;
    private final Clock clock;
    private volatile PartnerAddress current;

    public PartnerAddressCache(PeerRole role, HostResolver resolver, Clock clock) {
        this.role = role;
        this.resolver = resolver;
        this.clock = clock;
    }

    /** dhcpd started with {@code bundle}: resolve its partner now, as dhcpd does. */
    public void started(RenderedConfig bundle) {
        current = peerAddress(bundle.failover(role)).map(this::resolve).orElse(null);
    }

    /** What dhcpd holds now; empty before the first start or without a {@code peer address}. */
    public synchronized Optional<PartnerAddress> current() {
        PartnerAddress held = current;
        if (held == null) {
            return Optional.empty();
        }
        Duration keptFor = held.resolved().isPresent() ? KEPT : RETRY;
        if (!clock.instant().isBefore(held.at().plus(keptFor))) {
            held = resolve(held.configured());
            current = held;
        }
        return Optional.of(held);
    }

    /** The {@code peer address} statement of a failover file. */
    static Optional<String> peerAddress(String failoverFile) {
        if (failoverFile == null) {
            return Optional.empty();
        }
        Matcher m = PEER_ADDRESS.matcher(failoverFile);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private PartnerAddress resolve(String configured) {
        Instant now = clock.instant();
        try {
            return PartnerAddress.resolved(configured, resolver.resolve(configured), now);
        } catch (IOException e) {
            return PartnerAddress.failed(configured, e.getMessage(), now);
        }
    }
}
