package dk.npflan.dhcp.omapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dk.npflan.dhcp.command.CommandRun;
import dk.npflan.dhcp.command.FailoverStateOutcome;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a real dhcpd 4.4.3 ({@link LoneDhcpdPeer}). The first test must run within the
 * 15 s dhcpd spends in startup, hence the fixed order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("netns")
@Tag("slow")
class OmapiClientDhcpdTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private static LoneDhcpdPeer dhcpd;

    @TempDir Path tmp;

    @BeforeAll
    static void startDhcpd() throws Exception {
        dhcpd = LoneDhcpdPeer.start();
    }

    @AfterAll
    static void stopDhcpd() {
        if (dhcpd != null) {
            dhcpd.close();
        }
    }

    @Test
    @Order(1)
    void lonePeerWithSavedState_readsStartupThenCommunicationsInterrupted() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(40),
                () -> {
                    try (OmapiClient client = dhcpd.connect()) {
                        FailoverStatus first = client.failoverState(LoneDhcpdPeer.PEER);
                        assertThat(first.local().state()).isEqualTo(FailoverState.STARTUP);
                        assertThat(first.partner().state()).isEqualTo(FailoverState.NORMAL);
                        assertThat(first.role()).isEqualTo("primary");
                        assertThat(first.mclt()).contains(Duration.ofSeconds(60));
                        assertThat(first.bothNormal()).isFalse();
                        // dhcpd leaves startup after its hard-coded 15 s; the same connection keeps
                        // working
                        await().atMost(Duration.ofSeconds(30))
                                .pollInterval(Duration.ofMillis(500))
                                .untilAsserted(
                                        () ->
                                                assertThat(
                                                                client.failoverState(
                                                                                LoneDhcpdPeer.PEER)
                                                                        .local()
                                                                        .state())
                                                        .isEqualTo(
                                                                FailoverState
                                                                        .COMMUNICATIONS_INTERRUPTED));
                        assertThat(client.failoverState(LoneDhcpdPeer.PEER).partner().state())
                                .isEqualTo(FailoverState.NORMAL);
                    }
                });
    }

    @Test
    @Order(2)
    void stateMatchesOmshell() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> {
                    String omshell =
                            dhcpd.execInNamespace(
                                    """
                    server 127.0.0.1
                    port %d
                    key %s %s
                    connect
                    new failover-state
                    set name = "%s"
                    open
                    """
                                            .formatted(
                                                    LoneDhcpdPeer.OMAPI_PORT,
                                                    LoneDhcpdPeer.KEY_NAME,
                                                    dhcpd.secret(),
                                                    LoneDhcpdPeer.PEER),
                                    "omshell");
                    FailoverStatus ours = readOnce(dhcpd.key());
                    assertThat(hexAttribute(omshell, "local-state")).isEqualTo(ours.local().code());
                    assertThat(hexAttribute(omshell, "partner-state"))
                            .isEqualTo(ours.partner().code());
                    assertThat(hexAttribute(omshell, "mclt"))
                            .isEqualTo((int) ours.mclt().orElseThrow().toSeconds());
                });
    }

    @Test
    void keyFromDhcpdConfFile_authenticates() {
        assertTimeoutPreemptively(
                BOUND,
                () -> {
                    OmapiKey fromConf = OmapiKeyFileParser.read(dhcpd.dir.resolve("dhcpd.conf"));
                    assertThat(fromConf).isEqualTo(dhcpd.key());
                    assertThat(readOnce(fromConf).peerName()).isEqualTo(LoneDhcpdPeer.PEER);
                });
    }

    @Test
    void wrongSecret_failsWithAuthError() {
        assertTimeoutPreemptively(
                BOUND,
                () -> {
                    OmapiKey wrong =
                            new OmapiKey(
                                    LoneDhcpdPeer.KEY_NAME,
                                    "not the secret dhcpd has".getBytes(StandardCharsets.US_ASCII));
                    assertThatThrownBy(() -> readOnce(wrong))
                            .isInstanceOfSatisfying(
                                    OmapiException.class,
                                    e ->
                                            assertThat(e.reason())
                                                    .isEqualTo(OmapiException.Reason.AUTH_FAILED))
                            .message()
                            .doesNotContain(dhcpd.secret());
                });
    }

    @Test
    void keyNameUnknownToDhcpd_failsWithAuthError() {
        assertTimeoutPreemptively(
                BOUND,
                () -> {
                    OmapiKey other = new OmapiKey("other_key", dhcpd.key().secret());
                    assertThatThrownBy(() -> readOnce(other))
                            .isInstanceOfSatisfying(
                                    OmapiException.class,
                                    e ->
                                            assertThat(e.reason())
                                                    .isEqualTo(OmapiException.Reason.AUTH_FAILED));
                });
    }

    @Test
    void unknownPeerName_failsWithNotFound_andConnectionStaysUsable() {
        assertTimeoutPreemptively(
                BOUND,
                () -> {
                    try (OmapiClient client = dhcpd.connect()) {
                        assertThatThrownBy(() -> client.failoverState("no-such-peer"))
                                .isInstanceOfSatisfying(
                                        OmapiException.class,
                                        e ->
                                                assertThat(e.reason())
                                                        .isEqualTo(
                                                                OmapiException.Reason.NOT_FOUND));
                        assertThat(client.failoverState(LoneDhcpdPeer.PEER).peerName())
                                .isEqualTo(LoneDhcpdPeer.PEER);
                    }
                });
    }

    @Test
    void closedPort_failsWithConnectError() {
        assertTimeoutPreemptively(
                BOUND,
                () ->
                        assertThatThrownBy(
                                        () ->
                                                OmapiClient.connect(
                                                        dhcpd.dhcpdAddress,
                                                        7912,
                                                        dhcpd.key(),
                                                        OmapiTimeouts.DEFAULT))
                                .isInstanceOfSatisfying(
                                        OmapiException.class,
                                        e ->
                                                assertThat(e.reason())
                                                        .isEqualTo(
                                                                OmapiException.Reason
                                                                        .CONNECT_FAILED)));
    }

    @Test
    void addressNobodyHas_failsWithConnectErrorWithinTheConnectTimeout() {
        OmapiTimeouts oneSecond = new OmapiTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertTimeoutPreemptively(
                BOUND,
                () ->
                        assertThatThrownBy(
                                        () ->
                                                OmapiClient.connect(
                                                        dhcpd.partnerAddress,
                                                        LoneDhcpdPeer.OMAPI_PORT,
                                                        dhcpd.key(),
                                                        oneSecond))
                                .isInstanceOfSatisfying(
                                        OmapiException.class,
                                        e ->
                                                assertThat(e.reason())
                                                        .isEqualTo(
                                                                OmapiException.Reason
                                                                        .CONNECT_FAILED)));
    }

    @Test
    void frozenDhcpd_timesOut_andAnswersAgainAfterContinue() throws Exception {
        OmapiTimeouts oneSecond = new OmapiTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
        dhcpd.signal("STOP");
        try {
            // the kernel still accepts the connection; dhcpd never sends its intro
            assertTimeoutPreemptively(
                    BOUND,
                    () ->
                            assertThatThrownBy(
                                            () ->
                                                    OmapiClient.readFailoverState(
                                                            dhcpd.dhcpdAddress,
                                                            LoneDhcpdPeer.OMAPI_PORT,
                                                            dhcpd.key(),
                                                            oneSecond,
                                                            LoneDhcpdPeer.PEER))
                                    .isInstanceOfSatisfying(
                                            OmapiException.class,
                                            e ->
                                                    assertThat(e.reason())
                                                            .isEqualTo(
                                                                    OmapiException.Reason
                                                                            .TIMEOUT)));
        } finally {
            dhcpd.signal("CONT");
        }
        assertTimeoutPreemptively(
                BOUND,
                () -> assertThat(readOnce(dhcpd.key()).peerName()).isEqualTo(LoneDhcpdPeer.PEER));
    }

    @Test
    void leaseFromLeaseFile_readsActiveBindingAndMac() {
        assertTimeoutPreemptively(
                BOUND,
                () -> {
                    try (OmapiClient client = dhcpd.connect()) {
                        LeaseBinding lease =
                                client.lease(
                                        (Inet4Address) InetAddress.getByName(dhcpd.leasedAddress));
                        assertThat(lease.state()).isEqualTo(BindingState.ACTIVE);
                        assertThat(lease.mac()).contains("02:00:5e:00:53:01");
                        assertThat(lease.ends()).isPresent();
                    }
                });
    }

    @Test
    void addressOutsideEveryPool_failsWithNotFound() {
        assertTimeoutPreemptively(
                BOUND,
                () -> {
                    try (OmapiClient client = dhcpd.connect()) {
                        assertThatThrownBy(
                                        () ->
                                                client.lease(
                                                        (Inet4Address)
                                                                InetAddress.getByName(
                                                                        dhcpd.hostAddress)))
                                .isInstanceOfSatisfying(
                                        OmapiException.class,
                                        e ->
                                                assertThat(e.reason())
                                                        .isEqualTo(
                                                                OmapiException.Reason.NOT_FOUND));
                    }
                });
    }

    @Test
    void command_printsStates_andExitsOneWhenNotBothNormal() {
        assertTimeoutPreemptively(
                BOUND,
                () -> {
                    CommandRun run =
                            command(
                                    "--server",
                                    dhcpd.dhcpdAddress,
                                    "--key-file",
                                    dhcpd.keyFile.toString(),
                                    "--peer",
                                    LoneDhcpdPeer.PEER);
                    assertThat(run.code()).isEqualTo(FailoverStateOutcome.NOT_NORMAL.exitCode());
                    assertThat(run.out())
                            .containsPattern(
                                    "local-state +(startup \\(1\\)|communications-interrupted \\(3\\))")
                            .contains("partner-state normal (2)")
                            .contains("(primary)");
                    assertThat(run.err()).isEmpty();
                });
    }

    @Test
    void command_wrongKey_exitsTwo_withoutPrintingTheSecret() {
        assertTimeoutPreemptively(
                BOUND,
                () -> {
                    String wrongSecret =
                            Base64.getEncoder()
                                    .encodeToString(
                                            "sixteen byte key".getBytes(StandardCharsets.US_ASCII));
                    Path keyFile = tmp.resolve("wrong.key");
                    Files.writeString(
                            keyFile,
                            "key "
                                    + LoneDhcpdPeer.KEY_NAME
                                    + " { algorithm hmac-md5; secret "
                                    + wrongSecret
                                    + "; }");
                    CommandRun run =
                            command(
                                    "--server",
                                    dhcpd.dhcpdAddress,
                                    "--key-file",
                                    keyFile.toString(),
                                    "--peer",
                                    LoneDhcpdPeer.PEER);
                    assertThat(run.code()).isEqualTo(FailoverStateOutcome.ERROR.exitCode());
                    assertThat(run.err())
                            .contains("AUTH_FAILED")
                            .doesNotContain(wrongSecret)
                            .doesNotContain(dhcpd.secret());
                });
    }

    private static FailoverStatus readOnce(OmapiKey key) throws OmapiException {
        return OmapiClient.readFailoverState(
                dhcpd.dhcpdAddress,
                LoneDhcpdPeer.OMAPI_PORT,
                key,
                OmapiTimeouts.DEFAULT,
                LoneDhcpdPeer.PEER);
    }

    private static int hexAttribute(String omshellOutput, String name) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(name) + " = ([0-9a-f:]+)$")
                        .matcher(omshellOutput);
        assertThat(m.find()).as("omshell output has %s:%n%s", name, omshellOutput).isTrue();
        return Integer.parseInt(m.group(1).replace(":", ""), 16);
    }

    static CommandRun command(String... args) {
        return CommandRun.command("failover-state", args);
    }
}
