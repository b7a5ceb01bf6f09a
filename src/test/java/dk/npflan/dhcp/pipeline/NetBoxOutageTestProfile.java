package dk.npflan.dhcp.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@link PipelineTestProfile} for a NetBox that fails for minutes: small pages (so a snapshot spans
 * several and one can fail alone), a read timeout of 1 s, two attempts per request, a resync every
 * 2 s and the retry back-off from 1 s capped at 4 s, so several failed reconciles fit in a test.
 */
public class NetBoxOutageTestProfile extends PipelineTestProfile {

    static final String GROUP = "netbox-outage-test-" + UUID.randomUUID();
    static final int PAGE_SIZE = 4;
    static final int MAX_ATTEMPTS = 2;

    @Override
    String group() {
        return GROUP;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("netbox-dhcpd.pipeline.retry-delay", "1s");
        overrides.put("netbox-dhcpd.pipeline.retry-max-delay", "4s");
        overrides.put("netbox-dhcpd.pipeline.resync-interval", "2s");
        overrides.put("netbox-dhcpd.netbox.page-size", String.valueOf(PAGE_SIZE));
        overrides.put("netbox-dhcpd.netbox.read-timeout", "1s");
        overrides.put("netbox-dhcpd.netbox.retry.max-attempts", String.valueOf(MAX_ATTEMPTS));
        overrides.put("netbox-dhcpd.netbox.retry.initial-backoff", "0.1s");
        overrides.put("netbox-dhcpd.netbox.retry.max-backoff", "0.1s");
        return overrides;
    }
}
