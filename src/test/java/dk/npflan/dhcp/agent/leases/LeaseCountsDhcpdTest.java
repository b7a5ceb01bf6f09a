package dk.npflan.dhcp.agent.leases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.npflan.dhcp.dhcpd.FailoverPairLab;
import dk.npflan.dhcp.dhcpd.FailoverPairLab.Role;
import dk.npflan.dhcp.dhcpd.StartOutcome;
import dk.npflan.dhcp.omapi.BindingState;
import dk.npflan.dhcp.omapi.OmapiClient;
import dk.npflan.dhcp.omapi.OmapiKeyFileParser;
import dk.npflan.dhcp.omapi.OmapiTimeouts;
import dk.npflan.dhcp.probe.DhcpProbe;
import dk.npflan.dhcp.probe.ProbeOutcome;
import dk.npflan.dhcp.probe.ProbeParameters;
import dk.npflan.dhcp.probe.RelayTransport;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The pool counts on a real dhcpd failover pair ({@link FailoverPairLab}): N clients with distinct
 * MACs get leases from the probe subnet's pool through a relay, then the counts computed from each
 * peer's lease file and its running dhcpd.conf must equal, address by address, the binding states
 * that dhcpd itself reports over OMAPI. Needs root and the lab lock ({@code flock
 * /tmp/nbd-lab.lock}).
 */
@Tag("netns")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow")
class LeaseCountsDhcpdTest {

    private static final int CLIENTS = 12;
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private static FailoverPairLab lab;
    private static final Set<String> leased = new TreeSet<>();

    @BeforeAll
    static void pairWithLeases() throws Exception {
        lab = FailoverPairLab.start(60);
        awaitBothNormal();
        for (int i = 0; i < CLIENTS; i++) {
            byte[] mac = {0x02, 0x4c, 0x45, 0x41, 0x53, (byte) i};
            Role server = i % 2 == 0 ? Role.PRIMARY : Role.SECONDARY;
            ProbeParameters parameters =
                    new ProbeParameters(
                            mac,
                            FailoverPairLab.HOST_ADDRESS,
                            FailoverPairLab.PROBE_SUBNET,
                            server.address(),
                            ProbeParameters.DEFAULT_SECS,
                            Duration.ofSeconds(3));
            ProbeOutcome outcome;
            try (RelayTransport transport =
                    new RelayTransport(FailoverPairLab.HOST_ADDRESS, server.address())) {
                outcome = DhcpProbe.exchange(transport, parameters, System.nanoTime());
            }
            assertThat(outcome)
                    .as("client %d via %s", i, server)
                    .isInstanceOf(ProbeOutcome.Ready.class);
            leased.add(((ProbeOutcome.Ready) outcome).lease().address().toString());
        }
        assertThat(leased).hasSize(CLIENTS);
    }

    @AfterAll
    static void stopPair() throws Exception {
        if (lab != null) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "lease-counts-dhcpd-test.log"), lab.logs());
            for (Role role : Role.values()) {
                Files.copy(
                        lab.peer(role).leaseFile(),
                        Path.of("target", "lease-counts-" + role.name().toLowerCase() + ".leases"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            lab.close();
        }
    }

    @Test
    @Order(1)
    void clientsLeased_eachPeersFileCountsMatchOmapiAddressByAddress() {
        for (Role role : Role.values()) {
            PoolLayout layout = layoutOf(role);
            LeaseFileReader reader = new LeaseFileReader(lab.peer(role).leaseFile());
            PoolUsageMonitor monitor = new PoolUsageMonitor(reader, Clock.systemUTC());
            monitor.useLayout(layout);
            AddressRange range = probeRange(layout);

            awaitFileMatchesOmapi(role, reader, monitor, range);

            StateCounts counts = countsOf(monitor.usage(), range);
            assertThat(counts.count(BindingState.ACTIVE))
                    .as(role + " active")
                    .isGreaterThanOrEqualTo(CLIENTS);
            assertThat(counts.total()).isEqualTo(range.size());
            for (String address : leased) {
                assertThat(BindingState.ofCode(reader.table().get(ipv4(address))))
                        .as(role + " " + address)
                        .isEqualTo(BindingState.ACTIVE);
            }
            assertThat(monitor.stats().skippedTotal()).as(role + " skipped blocks").isZero();
        }
    }

    @Test
    @Order(2)
    void primaryRestarted_dhcpdRewritesTheFile_readAgainAndStillMatchesOmapi() throws Exception {
        Path file = lab.peer(Role.PRIMARY).leaseFile();
        PoolLayout layout = layoutOf(Role.PRIMARY);
        LeaseFileReader reader = new LeaseFileReader(file);
        PoolUsageMonitor monitor = new PoolUsageMonitor(reader, Clock.systemUTC());
        monitor.useLayout(layout);
        monitor.refresh();
        Object inodeBefore = Files.readAttributes(file, BasicFileAttributes.class).fileKey();

        lab.stop(Role.PRIMARY);
        assertThat(lab.start(Role.PRIMARY)).isInstanceOf(StartOutcome.Started.class);
        awaitBothNormal();

        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey())
                .as("dhcpd wrote a new lease file at start")
                .isNotEqualTo(inodeBefore);
        awaitFileMatchesOmapi(Role.PRIMARY, reader, monitor, probeRange(layout));
        assertThat(reader.rewrites()).isPositive();
        assertThat(monitor.stats().skippedTotal()).isZero();
    }

    private static void awaitBothNormal() {
        await("both normal")
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () ->
                                lab.omapiIfUp(Role.PRIMARY).map(s -> s.bothNormal()).orElse(false)
                                        && lab.omapiIfUp(Role.SECONDARY)
                                                .map(s -> s.bothNormal())
                                                .orElse(false));
    }

    /**
     * Until they agree: the state of every address of {@code range} in the lease table (no entry =
     * free) equals dhcpd's over OMAPI, and so do the range's counts.
     */
    private static void awaitFileMatchesOmapi(
            Role role, LeaseFileReader reader, PoolUsageMonitor monitor, AddressRange range) {
        await(role + " lease file agrees with OMAPI")
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () -> {
                            PoolUsage usage = monitor.refresh();
                            Map<Long, BindingState> omapi = omapiStates(role, range);
                            for (Map.Entry<Long, BindingState> e : omapi.entrySet()) {
                                byte code = reader.table().get((int) (long) e.getKey());
                                BindingState inFile =
                                        code == 0 ? BindingState.FREE : BindingState.ofCode(code);
                                assertThat(inFile)
                                        .as("%s %s", role, AddressRange.dotted(e.getKey()))
                                        .isEqualTo(e.getValue());
                            }
                            StateCounts counts = countsOf(usage, range);
                            for (BindingState state : StateCounts.STATES) {
                                assertThat(counts.count(state))
                                        .as("%s %s", role, state)
                                        .isEqualTo(
                                                omapi.values().stream()
                                                        .filter(state::equals)
                                                        .count());
                            }
                        });
    }

    /** dhcpd's own binding state of every address of the range, one OMAPI lookup each. */
    private static Map<Long, BindingState> omapiStates(Role role, AddressRange range)
            throws Exception {
        Map<Long, BindingState> states = new java.util.TreeMap<>();
        try (OmapiClient client =
                OmapiClient.connect(
                        role.address().toString(),
                        FailoverPairLab.OMAPI_PORT,
                        OmapiKeyFileParser.read(lab.keyFile()),
                        OmapiTimeouts.DEFAULT)) {
            for (long a = range.first(); a <= range.last(); a++) {
                Inet4Address address = (Inet4Address) InetAddress.getByName(AddressRange.dotted(a));
                states.put(a, client.lease(address).state());
            }
        }
        return states;
    }

    private static int ipv4(String address) {
        String[] octets = address.split("\\.");
        return PoolUsageTest.ipv4(
                Integer.parseInt(octets[0]),
                Integer.parseInt(octets[1]),
                Integer.parseInt(octets[2]),
                Integer.parseInt(octets[3]));
    }

    private static StateCounts countsOf(PoolUsage usage, AddressRange range) {
        return usage.subnets().stream()
                .flatMap(s -> s.ranges().stream())
                .filter(r -> r.range().equals(range))
                .findFirst()
                .orElseThrow()
                .counts();
    }

    private static PoolLayout layoutOf(Role role) {
        try {
            return PoolLayoutParser.parse(lab.peer(role).dir().resolve("dhcpd.conf"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static AddressRange probeRange(PoolLayout layout) {
        String probe = FailoverPairLab.PROBE_SUBNET.toString();
        return layout.subnets().stream()
                .filter(s -> s.cidr().equals(probe))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no subnet " + probe + " in " + layout))
                .ranges()
                .get(0);
    }
}
