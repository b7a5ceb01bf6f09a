package dk.npflan.dhcp.probe;

/**
 * Why a probe did not end in a DHCPACK from the server it asked. Each value is a distinct
 * operational situation: readiness treats all of them as "not ready", but operators and the rollout
 * gate log which one.
 */
public enum ProbeFailure {
    /**
     * No OFFER or no ACK within the timeout: dhcpd is down, starting, in recover(-wait), or deaf.
     */
    TIMEOUT,
    /** The server answered the REQUEST with DHCPNAK. */
    NAK,
    /** Only a different server answered (server identifier is not the address we probe). */
    WRONG_SERVER,
    /**
     * The interface to probe through does not exist, is down or without carrier, or has no IPv4
     * address.
     */
    NO_INTERFACE,
    /**
     * No way to send: no packet socket (no CAP_NET_RAW, JNA not loadable) and no broadcast address
     * on the interface for the UDP fallback (e.g. a /32).
     */
    NO_SEND_PATH,
    /**
     * The local socket could not be opened or used (port 68 or 67 taken, no permission, interface
     * down).
     */
    SOCKET_ERROR
}
