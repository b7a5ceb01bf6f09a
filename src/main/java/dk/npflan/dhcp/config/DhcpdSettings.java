package dk.npflan.dhcp.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything that shapes the rendered dhcpd.conf but does not come from NetBox: global option
 * defaults, the custom-field names read per prefix, the default pool rule, failover, OMAPI, include
 * paths and the two always-present subnets (probe and server network). One mapping so the service,
 * the offline {@code render} command and tests all render from the same, documented values
 * (docs/rendering.md).
 */
@ConfigMapping(prefix = "netbox-dhcpd.config")
public interface DhcpdSettings {

    /** Global options, used unless a prefix overrides them through a custom field. */
    Global global();

    /** Names of the NetBox custom fields: options per prefix, the reservation MAC per IP. */
    CustomFields customFields();

    /** The pool rendered when a prefix holds no matching active IP range. */
    DefaultPool defaultPool();

    /** How prefixes on one link are grouped into shared networks. */
    SharedNetworks sharedNetworks();

    /** Which IP ranges become pools. */
    IpRanges ipRanges();

    /** The failover pair; rendered into one include file per role. */
    Failover failover();

    /** OMAPI listener; the key itself comes from a Secret at run time and is never rendered. */
    Omapi omapi();

    /**
     * The synthetic subnet the readiness probe asks for with option 118 (docs/dhcpd.md, "The
     * probe").
     */
    ProbeSubnet probeSubnet();

    /**
     * The subnet of the servers' own interface; dhcpd will not start without a subnet covering it.
     */
    ServerNetwork serverNetwork();

    /** The real {@code dhcpd -t} check. */
    Validation validation();

    /** Global option defaults. */
    interface Global {
        /** {@code default-lease-time}: lease length when the client asks for none. */
        @WithDefault("PT2H")
        Duration defaultLeaseTime();

        /** {@code max-lease-time}: the longest lease handed out. */
        @WithDefault("PT8H")
        Duration maxLeaseTime();

        /** {@code option domain-name}; unset = not rendered. */
        @WithDefault("npf")
        Optional<String> domainName();

        /** {@code option domain-name-servers}: IPv4 addresses. */
        @WithDefault("10.96.5.1")
        Optional<List<String>> domainNameServers();

        /** {@code option ntp-servers}: IPv4 addresses; unset = not rendered. */
        Optional<List<String>> ntpServers();

        /** {@code authoritative;}: NAK clients asking for addresses from wrong networks. */
        @WithDefault("true")
        boolean authoritative();

        /**
         * {@code ping-check}: ping a free address before offering it (adds ~1 s per fresh offer).
         */
        @WithDefault("false")
        boolean pingCheck();

        /** {@code option routers} default when no custom field is set: network + this offset. */
        @WithDefault("1")
        int routerOffset();
    }

    /**
     * Custom-field names (NetBox {@code custom_fields} keys) for per-prefix options and the
     * reservation MAC on IP addresses.
     */
    interface CustomFields {
        @WithDefault("dhcp_routers")
        String routers();

        @WithDefault("dhcp_domain_name_servers")
        String domainNameServers();

        @WithDefault("dhcp_domain_name")
        String domainName();

        /** Seconds, as an integer custom field (or a string of digits). */
        @WithDefault("dhcp_lease_time")
        String defaultLeaseTime();

        @WithDefault("dhcp_max_lease_time")
        String maxLeaseTime();

        @WithDefault("dhcp_ntp_servers")
        String ntpServers();

        /**
         * On IP addresses: the MAC of a host reservation; set, it wins over the MAC of the
         * interface the address is assigned to.
         */
        @WithDefault("dhcp_reservation_mac")
        String reservationMac();

        /**
         * On prefixes and IP ranges: a JSON object of standard option name to value
         * (docs/rendering.md, "Options from dhcp_options").
         */
        @WithDefault("dhcp_options")
        String options();

        /**
         * On prefixes: the shared network (one link) the prefix belongs to; set, it wins over the
         * prefix's VLAN.
         */
        @WithDefault("dhcp_shared_network")
        String sharedNetwork();
    }

    /** Several prefixes on one link render as one shared network. */
    interface SharedNetworks {
        /** Prefixes on the same NetBox VLAN form a shared network (when two or more). */
        @WithDefault("true")
        boolean byVlan();
    }

    /** The seed's rule: network + start-offset … broadcast − end-offset. */
    interface DefaultPool {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("4")
        int startOffset();

        @WithDefault("5")
        int endOffset();
    }

    /** Active IP ranges inside a prefix (same VRF) become its pools. */
    interface IpRanges {
        /** Role slugs an IP range must have to become a pool; unset = every active range. */
        Optional<List<String>> roles();
    }

    /** The failover pair (dhcpd.conf(5) "DHCP FAILOVER"). */
    interface Failover {
        /** The peer name every pool references with {@code failover peer "<name>"}. */
        @WithDefault("failover-partner")
        String peerName();

        PrimaryPeer primary();

        SecondaryPeer secondary();

        /** Seconds without a message from the peer before the link counts as down. */
        @WithDefault("10")
        int maxResponseDelay();

        /** How many binding updates may be outstanding before waiting for the peer's ack. */
        @WithDefault("10")
        int maxUnackedUpdates();

        /**
         * Clients whose {@code secs} exceed this are answered by either peer (load balancing off).
         */
        @WithDefault("5")
        int loadBalanceMaxSeconds();

        /**
         * Maximum Client Lead Time (s), primary only: how far a peer may extend a lease beyond the
         * partner's knowledge.
         */
        @WithDefault("3600")
        int mclt();

        /**
         * Load-balance split (0–256), primary only: 128 = even split of clients between the peers.
         */
        @WithDefault("128")
        int split();

        /** The settings of one side. */
        default Peer of(PeerRole role) {
            return role == PeerRole.PRIMARY ? primary() : secondary();
        }
    }

    /** One side of the pair. */
    interface Peer {
        /**
         * This peer's own address ({@code address}): its pod FQDN or IP, also its server
         * identifier.
         */
        String address();

        /**
         * How the partner reaches this peer ({@code peer address} on the other side): must resolve
         * to the pod IP.
         */
        String peerAddress();

        /** TCP port of this peer's failover listener. */
        @WithDefault("647")
        int port();

        /**
         * {@code server-identifier} (option 54) of this peer's replies: the IPv4 address relays and
         * renewing clients reach it at (e.g. its DHCP Service IP). Unset: dhcpd's own choice, the
         * address of the interface the request came in on (the pod IP).
         */
        Optional<String> serverIdentifier();
    }

    /** The primary's addresses, defaults as in the seed deployment. */
    interface PrimaryPeer extends Peer {
        @Override
        @WithDefault("primary.dhcp-pod.dhcp.svc.cluster.local")
        String address();

        @Override
        @WithDefault("headless-primary.dhcp.svc.cluster.local")
        String peerAddress();
    }

    /** The secondary's addresses, defaults as in the seed deployment. */
    interface SecondaryPeer extends Peer {
        @Override
        @WithDefault("secondary.dhcp-pod.dhcp.svc.cluster.local")
        String address();

        @Override
        @WithDefault("headless-secondary.dhcp.svc.cluster.local")
        String peerAddress();
    }

    /**
     * How the real {@code dhcpd -t} check treats the two roles. The binary and the timeout are the
     * dhcpd process's settings ({@code netbox-dhcpd.dhcpd.binary}, {@code
     * netbox-dhcpd.dhcpd.check-timeout}): one home for both.
     */
    interface Validation {
        /**
         * How the secondary's variant is checked. {@code FULL}: the whole dhcpd.conf, like the
         * primary. {@code FIRST_ADDRESS}: every {@code range} cut to its first address, so the
         * secondary run takes milliseconds; the role-independent range/lease checks are done by the
         * primary's full run.
         */
        @WithDefault("FULL")
        SecondaryCheck secondaryCheck();
    }

    /** See {@link Validation#secondaryCheck()}. */
    enum SecondaryCheck {
        FULL,
        FIRST_ADDRESS
    }

    /** OMAPI settings. */
    interface Omapi {
        @WithDefault("7911")
        int port();

        /** Name of the key block the included key file defines ({@code omapi-key <name>;}). */
        @WithDefault("omapi_key")
        String keyName();

        /**
         * Absolute path of the key file (a Secret mount) holding {@code key <name> { algorithm …;
         * secret …; };}.
         */
        @WithDefault("/etc/dhcp/omapi/omapi.key")
        String keyInclude();
    }

    /** Where the per-role failover file is mounted; the same path on both peers. */
    @WithDefault("/etc/dhcp/failover/dhcpd.failover")
    String failoverInclude();

    /** The probe subnet. */
    interface ProbeSubnet {
        /** Never routed; identical on both peers. Default is TEST-NET-1. */
        @WithDefault("192.0.2.0/24")
        String network();

        @WithDefault("PT1M")
        Duration leaseTime();
    }

    /** The server network. */
    interface ServerNetwork {
        /** CIDR of the pods' network (rendered as an empty subnet); empty = missing, an error. */
        @WithDefault("10.90.0.0/16")
        Optional<String> network();
    }
}
