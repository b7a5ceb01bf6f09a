package dk.npflan.dhcp.netbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything needed to read NetBox: where it is, how to authenticate, how patient to be, and which
 * prefixes count as DHCP subnets. One mapping serves both the Quarkus service and the plain-Java
 * operator commands, so {@code render --netbox} selects exactly what the service would.
 */
@ConfigMapping(prefix = "netbox-dhcpd.netbox")
public interface NetBoxSettings {

    /**
     * Base URL such as {@code https://netbox.example.org} (env {@code NETBOX_URL}); paging is built
     * on it.
     */
    Optional<URI> url();

    /** API token, v1 or v2 ({@code nbt_…}) (env {@code NETBOX_TOKEN}). Never logged, no default. */
    Optional<String> token();

    /** Rows per page; NetBox caps it at its {@code MAX_PAGE_SIZE} (1000 by default). */
    @WithDefault("1000")
    int pageSize();

    /**
     * Requests this client has in flight at once: once the first page of a list gave its {@code
     * count}, the remaining pages are read in parallel, and the IP ranges alongside the prefixes. 1
     * reads every page one after another.
     */
    @WithDefault("4")
    int concurrentRequests();

    @WithDefault("PT5S")
    Duration connectTimeout();

    /** Time allowed for one whole response. */
    @WithDefault("PT30S")
    Duration readTimeout();

    Retry retry();

    Selection selection();

    /** Retries on connect errors, timeouts, 429 and 5xx. */
    interface Retry {

        /** Attempts per request, the first included. */
        @WithDefault("4")
        int maxAttempts();

        /** Wait before the second attempt; doubled per attempt up to {@link #maxBackoff()}. */
        @WithDefault("PT0.5S")
        Duration initialBackoff();

        @WithDefault("PT10S")
        Duration maxBackoff();

        /** Upper bound for a server's {@code Retry-After}; longer requests are cut to this. */
        @WithDefault("PT60S")
        Duration maxRetryAfter();
    }

    /** Which prefixes are DHCP subnets. */
    interface Selection {

        /** The one criterion a prefix must meet besides status and VRFs. */
        @WithDefault("tag")
        SelectionMode mode();

        /** Prefix status values that count (OR). */
        @WithDefault("active")
        List<String> statuses();

        /** Tag slug for mode {@code tag}. */
        @WithDefault("dhcp")
        String tag();

        /** Role slugs for mode {@code role} (OR). */
        Optional<List<String>> roles();

        /**
         * Boolean custom field for mode {@code custom-field}; a prefix is selected when it is
         * {@code true}.
         */
        Optional<String> customField();

        /**
         * VRF names or ids ({@code global} = no VRF); required for mode {@code vrf}, a restriction
         * otherwise.
         */
        Optional<List<String>> vrfs();

        /** IP range status values fetched for pools (OR). */
        @WithDefault("active")
        List<String> rangeStatuses();

        /** Which IP addresses become host reservations. */
        Reservations reservations();
    }

    /**
     * IP addresses inside a selected prefix (same VRF) with one of these statuses and a MAC become
     * host reservations; reading them needs view permission on {@code ipam.ipaddress} and {@code
     * dcim.interface}.
     */
    interface Reservations {

        /** Off: no IP address or interface is read and nothing is reserved. */
        @WithDefault("true")
        boolean enabled();

        /** IP address status values that make a reservation (OR). */
        @WithDefault("dhcp,reserved")
        List<String> statuses();
    }
}
