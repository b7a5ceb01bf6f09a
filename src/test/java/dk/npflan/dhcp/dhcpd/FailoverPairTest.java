package dk.npflan.dhcp.dhcpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.npflan.dhcp.dhcpd.FailoverPairLab.Role;
import dk.npflan.dhcp.omapi.FailoverState;
import dk.npflan.dhcp.omapi.FailoverStatus;
import dk.npflan.dhcp.probe.DhcpProbe;
import dk.npflan.dhcp.probe.ProbeOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One real failover pair for the whole class, driven through the states the rollout depends on.
 * Every failover state is asserted through OMAPI; readiness through the {@code probe} command run
 * inside each peer's namespace, as an operator or a readiness check would run it. The methods run
 * in order because each one starts from the state the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("netns")
@Tag("slow")
class FailoverPairTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Set<FailoverState> LEASE_STATE_LOST =
            Set.of(FailoverState.RECOVER, FailoverState.RECOVER_WAIT);
    private static final Pattern LEASED = Pattern.compile("ready: lease (\\S+) from (\\S+)");

    private static FailoverPairLab lab;
    private static final Map<Role, StartOutcome> firstStart = new EnumMap<>(Role.class);
    private static final Set<String> leasedAddresses = new TreeSet<>();

    @BeforeAll
    static void startPair() throws Exception {
        lab = FailoverPairLab.create(60);
        firstStart.put(Role.SECONDARY, lab.start(Role.SECONDARY));
        firstStart.put(Role.PRIMARY, lab.start(Role.PRIMARY));
    }

    @AfterAll
    static void stopPair() throws IOException {
        if (lab != null) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "failover-pair-test.log"), lab.logs());
            lab.close();
        }
    }

    @Test
    @Order(1)
    void newPair_missingLeaseFilesCreated_reachesNormalNormalAsReadByOmapi() {
        assertThat(firstStart.values())
                .allSatisfy(
                        outcome ->
                                assertThat(outcome)
                                        .isInstanceOfSatisfying(
                                                StartOutcome.Started.class,
                                                started ->
                                                        assertThat(started.leaseFile())
                                                                .isEqualTo(
                                                                        LeaseFile.Presence
                                                                                .CREATED)));

        List<FailoverStatus> seen = awaitBothNormal();

        assertThat(seen).last().satisfies(s -> assertThat(s.bothNormal()).isTrue());
    }

    @Test
    @Order(2)
    void normal_supervisorParsedTheTransitionsFromTheLog() {
        for (Role role : Role.values()) {
            List<FailoverLogEvent> events =
                    lab.peer(role).supervisor().transitions().stream()
                            .map(DhcpdSupervisor.ObservedTransition::event)
                            .toList();
            assertThat(events)
                    .as(role + " transitions")
                    .contains(new FailoverLogEvent.BothNormal(FailoverPairLab.PEER_NAME));
            assertThat(events)
                    .as(role + " moved to normal")
                    .anySatisfy(
                            e ->
                                    assertThat(e)
                                            .isInstanceOfSatisfying(
                                                    FailoverLogEvent.LocalMove.class,
                                                    move ->
                                                            assertThat(move.to())
                                                                    .isEqualTo(
                                                                            FailoverState.NORMAL)));
        }
    }

    @Test
    @Order(3)
    void normal_probeGetsLeaseFromEachServer() {
        for (Role role : Role.values()) {
            assertReady(role);
        }
    }

    @Test
    @Order(4)
    void normal_relayProbeFromOutsideGetsLeaseFromEachServer() {
        for (Role role : Role.values()) {
            ProbeOutcome outcome =
                    DhcpProbe.relay(
                            FailoverPairLab.HOST_ADDRESS,
                            role.address(),
                            FailoverPairLab.PROBE_SUBNET,
                            Duration.ofSeconds(2));

            assertThat(outcome)
                    .as(role.name())
                    .isInstanceOfSatisfying(
                            ProbeOutcome.Ready.class,
                            ready ->
                                    assertThat(ready.lease().serverId()).isEqualTo(role.address()));
        }
    }

    @Test
    @Order(5)
    void secondaryKilled_primaryShowsCommunicationsInterrupted() {
        lab.stop(Role.SECONDARY);

        awaitLocal(Role.PRIMARY, FailoverState.COMMUNICATIONS_INTERRUPTED);
        DhcpdStatus secondary = lab.peer(Role.SECONDARY).supervisor().status();
        assertThat(secondary.phase()).isEqualTo(DhcpdStatus.Phase.DOWN);
        assertThat(secondary.pid()).isEmpty();
        assertThat(secondary.lastExitCode()).as("exit code of the SIGTERMed dhcpd").isPresent();
    }

    @Test
    @Order(6)
    void communicationsInterrupted_primaryServes_downSecondaryIsNotReady() {
        assertReady(Role.PRIMARY);

        HostCommand down = lab.probeCommand(Role.SECONDARY);

        assertThat(down.exitCode()).as(down.output()).isEqualTo(1);
        assertThat(down.output()).contains("not ready: TIMEOUT");
    }

    @Test
    @Order(7)
    void secondaryStartedAgain_keepsLeaseFile_bothNormalWithoutRecover() throws IOException {
        Path leases = lab.peer(Role.SECONDARY).leaseFile();
        long sizeBefore = Files.size(leases);

        StartOutcome outcome = lab.start(Role.SECONDARY);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        StartOutcome.Started.class,
                        started ->
                                assertThat(started.leaseFile())
                                        .isEqualTo(LeaseFile.Presence.EXISTED));
        assertNoLeaseStateLost(awaitBothNormal());
        assertLeaseFileKept(leases, sizeBefore);
    }

    @Test
    @Order(8)
    void primaryRestartedInPlace_keepsLeaseFile_bothNormalWithoutRecover() throws IOException {
        Path leases = lab.peer(Role.PRIMARY).leaseFile();
        long sizeBefore = Files.size(leases);
        DhcpdSupervisor primary = lab.peer(Role.PRIMARY).supervisor();
        long pidBefore = primary.status().pid().orElseThrow();

        StartOutcome outcome = primary.restart();

        assertThat(outcome).isInstanceOf(StartOutcome.Started.class);
        assertThat(primary.status().pid().orElseThrow()).isNotEqualTo(pidBefore);
        assertThat(primary.status().restarts()).isEqualTo(1);
        assertNoLeaseStateLost(awaitBothNormal());
        assertLeaseFileKept(leases, sizeBefore);
    }

    @Test
    @Order(9)
    void brokenConfig_restartRefused_runningPeerUntouched() throws IOException {
        DhcpdSupervisor secondary = lab.peer(Role.SECONDARY).supervisor();
        Path config = secondary.invocation().configFile();
        String good = Files.readString(config);
        long pid = secondary.status().pid().orElseThrow();
        try {
            Files.writeString(config, good.replace("authoritative;", "authoritative"));

            StartOutcome outcome = secondary.restart();

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            StartOutcome.ConfigRejected.class,
                            rejected ->
                                    assertThat(rejected.check().firstError())
                                            .hasValueSatisfying(
                                                    error ->
                                                            assertThat(error)
                                                                    .contains(
                                                                            "semicolon expected")));
            assertThat(secondary.status().pid()).hasValue(pid);
        } finally {
            Files.writeString(config, good);
        }
    }

    @Test
    @Order(10)
    void primaryKilled_secondaryInCommunicationsInterruptedStillServes() {
        lab.stop(Role.PRIMARY);
        awaitLocal(Role.SECONDARY, FailoverState.COMMUNICATIONS_INTERRUPTED);

        assertReady(Role.SECONDARY);

        assertThat(lab.start(Role.PRIMARY)).isInstanceOf(StartOutcome.Started.class);
        assertNoLeaseStateLost(awaitBothNormal());
    }

    @Test
    @Order(11)
    void lonePeerInStartup_isNotReady() {
        lab.stop(Role.PRIMARY);
        lab.stop(Role.SECONDARY);
        assertThat(lab.start(Role.SECONDARY)).isInstanceOf(StartOutcome.Started.class);
        awaitLocal(Role.SECONDARY, FailoverState.STARTUP);

        HostCommand probe = lab.probeCommand(Role.SECONDARY);
        Optional<FailoverState> afterProbe = FailoverPairTestSupport.local(lab, Role.SECONDARY);

        assertThat(afterProbe)
                .as("still in startup after the probe")
                .contains(FailoverState.STARTUP);
        assertThat(probe.exitCode()).as(probe.output()).isEqualTo(1);
        assertThat(probe.output()).contains("not ready: TIMEOUT");
        assertThat(lab.start(Role.PRIMARY)).isInstanceOf(StartOutcome.Started.class);
        awaitBothNormal();
    }

    private static void assertReady(Role role) {
        HostCommand probe = lab.probeCommand(role);
        assertThat(probe.exitCode()).as(role + ": " + probe.output()).isZero();
        assertThat(probe.output()).contains("via AF_PACKET");
        Matcher lease = LEASED.matcher(probe.output());
        assertThat(lease.find()).as(probe.output()).isTrue();
        assertThat(lease.group(2)).isEqualTo(role.address().toString());
        assertThat(
                        FailoverPairLab.PROBE_SUBNET.contains(
                                dk.npflan.dhcp.config.Ipv4Address.of(lease.group(1))))
                .isTrue();
        leasedAddresses.add(lease.group(1));
    }

    private static void assertLeaseFileKept(Path leases, long sizeBefore) throws IOException {
        String content = Files.readString(leases);
        assertThat(sizeBefore).isPositive();
        assertThat(content)
                .as("failover state kept")
                .contains("failover peer \"" + FailoverPairLab.PEER_NAME + "\" state");
        assertThat(leasedAddresses)
                .isNotEmpty()
                .allSatisfy(address -> assertThat(content).contains("lease " + address + " {"));
    }

    private static void assertNoLeaseStateLost(List<FailoverStatus> seen) {
        assertThat(seen)
                .as("states seen while returning to normal")
                .allSatisfy(
                        status -> {
                            assertThat(status.local().state()).isNotIn(LEASE_STATE_LOST);
                            assertThat(status.partner().state()).isNotIn(LEASE_STATE_LOST);
                        });
    }

    private static void awaitLocal(Role role, FailoverState state) {
        await(role + " local state " + state + " over OMAPI")
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> FailoverPairTestSupport.local(lab, role),
                        s -> s.equals(Optional.of(state)));
    }

    /**
     * Polls both peers over OMAPI until both report normal/normal; returns every status seen on the
     * way.
     */
    private static List<FailoverStatus> awaitBothNormal() {
        List<FailoverStatus> seen = new ArrayList<>();
        await("both peers normal/normal over OMAPI")
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            boolean all = true;
                            for (Role role : Role.values()) {
                                Optional<FailoverStatus> status = lab.omapiIfUp(role);
                                status.ifPresent(seen::add);
                                all &= status.map(FailoverStatus::bothNormal).orElse(false);
                            }
                            return all;
                        });
        return seen;
    }
}
