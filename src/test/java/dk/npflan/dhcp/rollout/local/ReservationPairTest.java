package dk.npflan.dhcp.rollout.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.netbox.Choice;
import dk.npflan.dhcp.netbox.HostInventory;
import dk.npflan.dhcp.netbox.IpAddress;
import dk.npflan.dhcp.netbox.Vrf;
import dk.npflan.dhcp.rollout.ClientLoad;
import dk.npflan.dhcp.rollout.InProcessRolloutLock;
import dk.npflan.dhcp.rollout.PublishedBundle;
import dk.npflan.dhcp.rollout.Roller;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutStatus;
import dk.npflan.dhcp.rollout.RolloutStep;
import dk.npflan.dhcp.rollout.StepReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host reservations on the real local pair, dhcpd and Kea (issue 17): the bundle is rendered from
 * NetBox-shaped IP addresses (status {@code dhcp}, MAC in the custom field) through the model and
 * the backend's renderer, as the listener does. A real {@code dhclient} behind the real {@code
 * dhcrelay} gets a pool address with an unreserved MAC and exactly the reserved address with the
 * reserved MAC; then the reservation's IP changes in NetBox and the real {@link Roller} rolls the
 * new bundle out while other clients (this process as their relay, one exchange every 200 ms) and a
 * reserved client of their subnet (a full DORA every 500 ms) ask the pair: the rollout completes,
 * no exchange fails, the reserved client only ever gets its old or its new address, and after a
 * release the {@code dhclient}'s next DORA gets the new one. Run under the lab lock.
 */
@Tag("netns")
@Tag("slow")
class ReservationPairTest {

    private static final Ipv4Network LAN = Ipv4Network.of("198.18.120.0/24");
    private static final Ipv4Network PROBE = Ipv4Network.of("198.18.121.0/27");
    private static final Ipv4Network LOAD = Ipv4Network.of("198.18.122.0/24");
    private static final Ipv4Network DHCLIENT = Ipv4Network.of("198.18.123.0/24");

    /** The reserved client's subnet beside the load: a relay address (socket) of its own. */
    private static final Ipv4Network RESERVED_LOAD = Ipv4Network.of("198.18.124.0/24");

    private static final int POOLS = 20;
    private static final Pattern BOUND = Pattern.compile("bound to (\\d+\\.\\d+\\.\\d+\\.\\d+)");

    /** The dhclient's reserved MAC, and the MAC it has when it is nobody in particular. */
    private static final String RESERVED_MAC = "02:6e:62:64:00:0a";

    private static final String OTHER_MAC = "02:6e:62:64:00:0b";

    /** The reserved client among the load's clients. */
    private static final byte[] LOAD_RESERVED_MAC = {0x02, 0x6e, 0x62, 0x64, 0x00, 0x0c};

    /** NetBox ids of the two IP addresses: stable while their address changes. */
    private static final long DHCLIENT_IP_ID = 501;

    private static final long LOAD_IP_ID = 502;

    /** Outside the default pool (network+4 … broadcast−5), off the router (.1). */
    private static final int BEFORE = 2;

    private static final int AFTER = 3;

    @TempDir Path dhclientFiles;

    @Test
    void dhcpd_reservedMacGetsItsAddress_andTheNewOneAfterARollout_noExchangeFails()
            throws Exception {
        reservationThroughARollout(PairServer.DHCPD, "nbd-rsd-");
    }

    @Test
    @Tag("kea")
    void kea_reservedMacGetsItsAddress_andTheNewOneAfterARollout_noExchangeFails()
            throws Exception {
        reservationThroughARollout(PairServer.KEA, "nbd-rsk-");
    }

    private void reservationThroughARollout(PairServer server, String prefix) throws Exception {
        Instant testStarted = Instant.now();
        LocalPair pair = LocalPair.create(layout(server, prefix));
        ClientNetwork clients = null;
        try {
            PairBundles bundles = new PairBundles(pair);
            RenderedConfig first =
                    bundles.bundle(
                            POOLS, List.of(LOAD, DHCLIENT, RESERVED_LOAD), hosts(BEFORE), Map.of());
            assertThat(String.join("\n", first.files().values()))
                    .as("the reservation is rendered")
                    .containsIgnoringCase(RESERVED_MAC)
                    .contains(DHCLIENT.host(BEFORE).toString());
            LocalTarget target = new LocalTarget(pair, 5, List.copyOf(first.files().keySet()));
            Ipv4Address relay = pair.addRelay(LOAD);
            Ipv4Address reservedRelay = pair.addRelay(RESERVED_LOAD);
            PublishedBundle published = target.publish(first, ZeroOutageScenario.metadata("first"));
            target.recordLastGood(published);
            pair.startAgents();
            pair.awaitNormal(Duration.ofSeconds(120));
            clients = ClientNetwork.create(pair.network(), DHCLIENT);

            Dhclient other = dhclient(OTHER_MAC);
            Ipv4Address pooled = other.dora();
            other.release();
            System.out.println(server + ": unreserved MAC " + OTHER_MAC + " got " + pooled);
            assertThat(inDefaultPool(DHCLIENT, pooled)).as(pooled + " in the pool").isTrue();

            Dhclient reserved = dhclient(RESERVED_MAC);
            assertThat(reserved.dora()).isEqualTo(DHCLIENT.host(BEFORE));

            RenderedConfig next =
                    bundles.bundle(
                            POOLS, List.of(LOAD, DHCLIENT, RESERVED_LOAD), hosts(AFTER), Map.of());
            List<Ipv4Address> peers =
                    List.of(pair.address(PeerRole.PRIMARY), pair.address(PeerRole.SECONDARY));
            Roller roller =
                    new Roller(
                            target,
                            new InProcessRolloutLock(),
                            r -> {},
                            ZeroOutageScenario.settings(Duration.ofSeconds(60)));
            ClientLoad load =
                    ClientLoad.start(relay, peers, Duration.ofMillis(200), Duration.ofSeconds(10));
            ClientLoad reservedLoad = null;
            RolloutReport report;
            ClientLoad.Summary summary;
            ClientLoad.Summary reservedSummary;
            try {
                reservedLoad =
                        ClientLoad.startOneClient(
                                reservedRelay,
                                peers,
                                Duration.ofMillis(500),
                                Duration.ofSeconds(10),
                                LOAD_RESERVED_MAC);
                Thread.sleep(3_000);
                report =
                        roller.roll(
                                next,
                                ZeroOutageScenario.metadata("reservations moved to ." + AFTER));
                pair.awaitNormal(Duration.ofSeconds(60));
                Thread.sleep(3_000);
                summary = load.stop();
                reservedSummary = reservedLoad.stop();
            } finally {
                load.close();
                if (reservedLoad != null) {
                    reservedLoad.close();
                }
            }

            System.out.println(server + ": " + report.summary());
            System.out.println(server + ": client load: " + summary);
            System.out.println(server + ": reserved client: " + reservedSummary);
            System.out.println(
                    server
                            + ": reserved client's addresses in order: "
                            + addressesInOrder(reservedSummary));
            summary.failures().forEach(f -> System.out.println("FAILED " + f));
            reservedSummary.failures().forEach(f -> System.out.println("FAILED reserved " + f));
            assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.COMPLETED);
            assertThat(report.hash()).isEqualTo(next.sha256());
            StepReport secondary = ZeroOutageScenario.step(report, RolloutStep.RESTART_SECONDARY);
            StepReport primary = ZeroOutageScenario.step(report, RolloutStep.RESTART_PRIMARY);
            assertThat(secondary.startedAt().plus(secondary.took())).isBefore(primary.startedAt());
            assertThat(summary.total()).isGreaterThan(20);
            assertThat(summary.failures()).isEmpty();
            assertThat(reservedSummary.total()).isGreaterThan(8);
            assertThat(reservedSummary.failures()).isEmpty();
            assertThat(reservedSummary.exchanges())
                    .as("the reserved client gets its old or its new address, never a pool one")
                    .allSatisfy(
                            e ->
                                    assertThat(e.address())
                                            .get()
                                            .isIn(
                                                    RESERVED_LOAD.host(BEFORE),
                                                    RESERVED_LOAD.host(AFTER)));
            List<ClientLoad.Exchange> byStart = byStart(reservedSummary);
            assertThat(byStart.get(0).address()).contains(RESERVED_LOAD.host(BEFORE));
            assertThat(byStart.get(byStart.size() - 1).address())
                    .contains(RESERVED_LOAD.host(AFTER));

            // a client that held the old address asks for it again (INIT-REBOOT, kept lease file)
            HostCommand rebooted = reserved.reboot();
            System.out.println(
                    server
                            + ": reserved dhclient rebooting into "
                            + DHCLIENT.host(BEFORE)
                            + (rebooted.output().contains("DHCPNAK") ? " was NAKed and " : " ")
                            + "got "
                            + bound(rebooted));
            assertThat(bound(rebooted)).as(rebooted.output()).isEqualTo(DHCLIENT.host(AFTER));
            reserved.release();
            assertThat(reserved.dora())
                    .as("the next DORA after the rollout")
                    .isEqualTo(DHCLIENT.host(AFTER));
            reserved.release();
            System.out.println(
                    server + ": test took " + Duration.between(testStarted, Instant.now()));
        } catch (RuntimeException | AssertionError e) {
            System.err.println(pair.logs());
            throw e;
        } finally {
            if (clients != null) {
                clients.close();
            }
            pair.close();
        }
    }

    private static LocalPair.Layout layout(PairServer server, String prefix) {
        return new LocalPair.Layout(
                prefix,
                LAN,
                PROBE,
                Map.of(
                        "netbox-dhcpd.agent.ready-cache", "PT0.5S",
                        "netbox-dhcpd.agent.probe-timeout", "PT1S",
                        "netbox-dhcpd.agent.start-timeout", "PT120S"),
                LocalPair.Layout.AGENT_JVM,
                Duration.ofSeconds(60),
                server);
    }

    /** The two IP addresses as NetBox returns them, at host {@code host} of their subnets. */
    private static HostInventory hosts(int host) {
        return new HostInventory(
                List.of(
                        ipAddress(DHCLIENT_IP_ID, DHCLIENT.host(host), RESERVED_MAC),
                        ipAddress(
                                LOAD_IP_ID, RESERVED_LOAD.host(host), macText(LOAD_RESERVED_MAC))),
                List.of(),
                List.of());
    }

    private static IpAddress ipAddress(long id, Ipv4Address address, String mac) {
        return new IpAddress(
                id,
                address + "/24",
                new Vrf(1, "VRF0", "65000:0"),
                new Choice("dhcp", "DHCP"),
                "reserved-" + id + ".example.org",
                null,
                null,
                Map.<String, JsonNode>of("dhcp_reservation_mac", TextNode.valueOf(mac)),
                "https://netbox.example.org/api/ipam/ip-addresses/" + id + "/",
                "https://netbox.example.org/ipam/ip-addresses/" + id + "/");
    }

    private static String macText(byte[] mac) {
        List<String> parts = new ArrayList<>();
        for (byte b : mac) {
            parts.add(String.format("%02x", b & 0xff));
        }
        return String.join(":", parts);
    }

    private static boolean inDefaultPool(Ipv4Network subnet, Ipv4Address address) {
        for (int host = 4; host <= 250; host++) {
            if (subnet.host(host).equals(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<ClientLoad.Exchange> byStart(ClientLoad.Summary summary) {
        return summary.exchanges().stream()
                .sorted(Comparator.comparingLong(ClientLoad.Exchange::startedNanos))
                .toList();
    }

    private static List<String> addressesInOrder(ClientLoad.Summary summary) {
        List<String> out = new ArrayList<>();
        for (ClientLoad.Exchange e : byStart(summary)) {
            out.add(
                    e.address().map(Object::toString).orElse("-")
                            + " by "
                            + e.server().map(Object::toString).orElse("-"));
        }
        return out;
    }

    private static Ipv4Address bound(HostCommand run) {
        assertThat(run.exitCode()).as(run.output()).isZero();
        Matcher bound = BOUND.matcher(run.output());
        assertThat(bound.find()).as(run.output()).isTrue();
        return Ipv4Address.parse(bound.group(1)).orElseThrow();
    }

    private Dhclient dhclient(String mac) {
        HostCommand.require(
                "ip",
                "-n",
                ClientNetwork.CLIENT_NETNS,
                "link",
                "set",
                ClientNetwork.CLIENT_INTERFACE,
                "address",
                mac);
        return new Dhclient(dhclientFiles.resolve(mac.replace(':', '-')));
    }

    /**
     * The real {@code dhclient} in {@code nbd-client} with lease and pid files of its own: {@link
     * #dora} starts from an empty lease file, so it is a DISCOVER, never an INIT-REBOOT or renewal.
     */
    private static final class Dhclient {
        private final Path files;

        Dhclient(Path files) {
            this.files = files;
        }

        Ipv4Address dora() throws IOException {
            Files.deleteIfExists(Path.of(files + ".leases"));
            HostCommand run = HostCommand.run(command("-1", "-v"), 60);
            assertThat(run.output()).as("a full DORA").contains("DHCPDISCOVER");
            return bound(run);
        }

        /**
         * Stops the running dhclient without a release and starts it again on the lease file it
         * has: a REQUEST for the address it held (INIT-REBOOT), as after a client's reboot.
         */
        HostCommand reboot() {
            HostCommand.run(command("-x"), 30);
            return HostCommand.run(command("-1", "-v"), 60);
        }

        /** Sends the DHCPRELEASE of the lease in its file and stops the running dhclient. */
        void release() {
            HostCommand run = HostCommand.run(command("-r", "-v"), 30);
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("DHCPRELEASE");
        }

        private List<String> command(String... options) {
            List<String> command =
                    new ArrayList<>(
                            List.of("ip", "netns", "exec", ClientNetwork.CLIENT_NETNS, "dhclient"));
            command.addAll(List.of(options));
            command.addAll(
                    List.of(
                            "-pf",
                            files + ".pid",
                            "-lf",
                            files + ".leases",
                            ClientNetwork.CLIENT_INTERFACE));
            return command;
        }
    }
}
