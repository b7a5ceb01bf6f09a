package dk.npflan.dhcp.dhcpd;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.omapi.FailoverState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DhcpdLogRecognizerTest {

    private static final String PEER = "failover-partner";

    @Test
    void realPrimaryLog_yieldsTheTransitionsInOrder() throws IOException {
        List<FailoverLogEvent> events =
                fixture("/dhcpd/dhcpd-primary.log")
                        .lines()
                        .map(DhcpdLogRecognizer::recognise)
                        .flatMap(Optional::stream)
                        .toList();

        assertThat(events)
                .containsExactly(
                        new FailoverLogEvent.LocalMove(
                                PEER, FailoverState.RECOVER, FailoverState.STARTUP),
                        new FailoverLogEvent.PeerMove(
                                PEER, FailoverState.UNKNOWN_STATE, FailoverState.RECOVER),
                        new FailoverLogEvent.LocalMove(
                                PEER, FailoverState.STARTUP, FailoverState.RECOVER),
                        new FailoverLogEvent.PeerMove(
                                PEER, FailoverState.RECOVER, FailoverState.RECOVER),
                        new FailoverLogEvent.LocalMove(
                                PEER, FailoverState.RECOVER, FailoverState.RECOVER_DONE),
                        new FailoverLogEvent.PeerMove(
                                PEER, FailoverState.RECOVER, FailoverState.RECOVER_DONE),
                        new FailoverLogEvent.LocalMove(
                                PEER, FailoverState.RECOVER_DONE, FailoverState.NORMAL),
                        new FailoverLogEvent.PeerMove(
                                PEER, FailoverState.RECOVER_DONE, FailoverState.NORMAL),
                        new FailoverLogEvent.BothNormal(PEER),
                        new FailoverLogEvent.LocalMove(
                                PEER,
                                FailoverState.NORMAL,
                                FailoverState.COMMUNICATIONS_INTERRUPTED),
                        new FailoverLogEvent.PeerMove(
                                PEER, FailoverState.NORMAL, FailoverState.NORMAL),
                        new FailoverLogEvent.LocalMove(
                                PEER,
                                FailoverState.COMMUNICATIONS_INTERRUPTED,
                                FailoverState.NORMAL),
                        new FailoverLogEvent.BothNormal(PEER));
    }

    @Test
    void recoverWaitAndPartnerDown_areNamedStates() {
        assertThat(
                        DhcpdLogRecognizer.recognise(
                                "failover peer dhcp-pair: I move from recover to recover-wait"))
                .contains(
                        new FailoverLogEvent.LocalMove(
                                "dhcp-pair", FailoverState.RECOVER, FailoverState.RECOVER_WAIT));
        assertThat(
                        DhcpdLogRecognizer.recognise(
                                "failover peer dhcp-pair: peer moves from communications-interrupted to partner-down"))
                .contains(
                        new FailoverLogEvent.PeerMove(
                                "dhcp-pair",
                                FailoverState.COMMUNICATIONS_INTERRUPTED,
                                FailoverState.PARTNER_DOWN));
    }

    @Test
    void unknownStateName_isKeptAsUnknownNotGuessed() {
        assertThat(DhcpdLogRecognizer.recognise("failover peer p: I move from normal to sideways"))
                .contains(
                        new FailoverLogEvent.LocalMove(
                                "p", FailoverState.NORMAL, FailoverState.UNKNOWN));
    }

    @Test
    void otherLines_areNotEvents() {
        assertThat(DhcpdLogRecognizer.recognise("Both servers have entered recover-done!"))
                .isEmpty();
        assertThat(
                        DhcpdLogRecognizer.recognise(
                                "DHCPACK on 198.18.78.7 to 02:4e:c6:12:4d:01 via 127.0.0.1"))
                .isEmpty();
        assertThat(DhcpdLogRecognizer.recognise("failover: listener: no matching state")).isEmpty();
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = DhcpdLogRecognizerTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
