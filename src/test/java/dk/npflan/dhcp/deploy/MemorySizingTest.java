package dk.npflan.dhcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The memory limits hold what runs in the container at 10,000 /24 pools, from the figures of
 * docs/benchmarks.md ("Memory at 10,000 pools"): a dhcpd peer's apply runs the agent's {@code dhcpd
 * -t} beside the serving dhcpd and the agent JVM, the listener checks both roles in parallel beside
 * its JVM. A heap raised without the limit, or a limit lowered below the peak, fails here.
 */
@Tag("slow")
class MemorySizingTest {

    /** {@code dhcpd -t} at 10,000 × 241 addresses: 805–810 MiB RSS measured. */
    private static final long CHECK_10K = mib(810);

    /** The serving dhcpd at 10,000 × 241 addresses: 808 MiB at start, 1,012 MiB measured later. */
    private static final long SERVING_10K = mib(1012);

    /**
     * kea-dhcp4 (320 MiB, its largest after repeated config-sets, §21) + {@code kea-dhcp4 -t} (143
     * MiB) + kea-ctrl-agent (86 MiB after a config-get through it, §21) at 10,000 pools.
     */
    private static final long KEA_SERVING_10K = mib(320 + 143 + 86);

    /** The agent JVM's RSS beyond its heap limit: 300 MiB measured with -Xmx192m. */
    private static final long AGENT_NON_HEAP = mib(110);

    /** The listener JVM's RSS beyond its heap limit (code cache, metaspace, threads, buffers). */
    private static final long LISTENER_NON_HEAP = mib(200);

    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([mMgG])");

    @ParameterizedTest
    @MethodSource("dk.npflan.dhcp.deploy.RenderedManifests#overlays")
    void dhcpdPeer_holdsServerCheckAndAgentHeap_requestIsTheLimit(String overlay) throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        long server = render.runsKea() ? KEA_SERVING_10K : SERVING_10K + CHECK_10K;
        for (Deployment peer : render.dhcpdPeers()) {
            Container container = peer.getSpec().getTemplate().getSpec().getContainers().get(0);
            String where = overlay + " " + peer.getMetadata().getName();
            long limit = limit(container);
            assertThat(limit)
                    .as(where + ": server + its check + agent heap + agent non-heap")
                    .isGreaterThanOrEqualTo(server + heap(container) + AGENT_NON_HEAP);
            assertThat(
                            Quantity.getAmountInBytes(
                                            container.getResources().getRequests().get("memory"))
                                    .longValue())
                    .as(where + ": request = limit, the peak comes with every apply")
                    .isEqualTo(limit);
        }
    }

    @ParameterizedTest
    @MethodSource("dk.npflan.dhcp.deploy.RenderedManifests#overlays")
    void listener_holdsBothRolesChecksBesideAFixedHeap(String overlay) throws Exception {
        RenderedManifests render = RenderedManifests.render(overlay);
        Deployment listener =
                render.find(Deployment.class, "netbox-dhcpd")
                        .orElseThrow(() -> new AssertionError("no listener in " + overlay));
        Container container = listener.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(limit(container))
                .as(overlay + ": two dhcpd -t + listener heap + non-heap")
                .isGreaterThanOrEqualTo(2 * CHECK_10K + heap(container) + LISTENER_NON_HEAP);
    }

    private static long limit(Container container) {
        return Quantity.getAmountInBytes(container.getResources().getLimits().get("memory"))
                .longValue();
    }

    /** The -Xmx of the container's JAVA_TOOL_OPTIONS (a percentage of the limit would not do). */
    private static long heap(Container container) {
        String options = PodSpecs.env(container, "JAVA_TOOL_OPTIONS").getValue();
        Matcher xmx = XMX.matcher(options);
        assertThat(xmx.find()).as("-Xmx in " + options).isTrue();
        long amount = Long.parseLong(xmx.group(1));
        return xmx.group(2).equalsIgnoreCase("g") ? amount * 1024 * 1024 * 1024 : mib(amount);
    }

    private static long mib(long n) {
        return n * 1024 * 1024;
    }
}
