package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.peer.AgentApi;
import java.util.Optional;

/**
 * The DHCP server this agent supervises, whatever its kind: what the agent's HTTP API asks of it.
 * ISC dhcpd ({@link DhcpdPeerServer}) is stopped and started on a new bundle; ISC Kea ({@code
 * kea.agent}) reconfigures in place. Both start on the bundle the peer last ran (kept on its
 * volume; the mounted one only on a first install), take a new one only through {@link #apply},
 * keep the server running, know the hash of what it runs, read the pair's health in the neutral
 * words of {@code peer}, and answer an apply with one typed {@link ApplyAnswer}, so {@link
 * AgentHttpApi} maps the same answers to the same statuses for both and the agent core knows
 * neither server's details.
 */
public interface PeerServer extends AutoCloseable {

    /** The value of {@code netbox-dhcpd.backend} this server is, e.g. {@code dhcpd}. */
    String backend();

    /**
     * Starts the server on the kept bundle, else the mounted one (or keeps looking for one), and
     * supervises it.
     */
    void begin();

    /** Hash of the bundle the server was last started on or applied; empty before the first. */
    Optional<String> runningConfigHash();

    /**
     * Hash of the bundle mounted now (over this server's file names, as the listener hashes it);
     * empty when no complete bundle is mounted.
     */
    Optional<String> mountedConfigHash();

    /**
     * {@code GET /live}: the process is alive or being brought back. Never a DHCP exchange: a
     * server that waits for its partner must not be restarted.
     */
    AgentApi.Live live();

    /** {@code GET /ready}: may run a probe (cached by the implementation). */
    AgentApi.Ready ready();

    /** What {@code GET /state} shows of the server; never waits for a probe. */
    ServerState state();

    /**
     * {@code POST /restart}: take the mounted bundle, which must hash to {@code expectedHash};
     * {@code inPlace}: start again on the running bundle instead (the re-pair step).
     */
    ApplyAnswer apply(String expectedHash, boolean inPlace) throws InterruptedException;

    /** {@code GET /metrics}: the Prometheus text of this server's meters. */
    String metrics();

    /** Stops the server and everything the agent runs for it. */
    @Override
    void close();
}
