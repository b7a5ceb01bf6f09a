package dk.npflan.dhcp.omapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OmapiWireTest {

    private static final OmapiKey KEY =
            new OmapiKey("k", "sixteen byte key".getBytes(StandardCharsets.US_ASCII));

    @Test
    void intro_isVersion100HeaderSize24() {
        assertThat(HexFormat.of().formatHex(OmapiWire.intro())).isEqualTo("0000006400000018");
    }

    @Test
    void openMessage_hasTheDocumentedLayout() {
        OmapiMessage open =
                OmapiMessage.open(5, "lease", Map.of("ip-address", new byte[] {10, 0, 0, 1}));
        String hex = HexFormat.of().formatHex(OmapiWire.encode(open));
        assertThat(hex)
                .isEqualTo(
                        "00000000"
                                + "00000000"
                                + "00000001"
                                + "00000000"
                                + "00000005"
                                + "00000000"
                                + "0004"
                                + hex("type")
                                + "00000005"
                                + hex("lease")
                                + "0000"
                                + "000a"
                                + hex("ip-address")
                                + "00000004"
                                + "0a000001"
                                + "0000");
    }

    @Test
    void signedMessage_roundTripsAndItsSignatureVerifies() throws Exception {
        Map<String, byte[]> object = new LinkedHashMap<>();
        object.put("name", "failover-partner".getBytes(StandardCharsets.US_ASCII));
        object.put("local-state", new byte[] {0, 0, 0, 2});
        OmapiMessage unsigned =
                new OmapiMessage(3, OmapiOperation.UPDATE, 9, 11, 5, Map.of(), object, new byte[0]);
        byte[] signature =
                KEY.sign(OmapiWire.signedPart(unsigned, KEY.algorithm().signatureLength()));
        OmapiMessage signed =
                new OmapiMessage(3, OmapiOperation.UPDATE, 9, 11, 5, Map.of(), object, signature);

        OmapiWire.Received received =
                OmapiWire.read(new ByteArrayInputStream(OmapiWire.encode(signed)));

        assertThat(received.message().rid()).isEqualTo(5);
        assertThat(received.message().object()).containsOnlyKeys("name", "local-state");
        assertThat(received.message().objectValue("local-state"))
                .hasValueSatisfying(v -> assertThat(OmapiClient.toLong(v)).isEqualTo(2));
        assertThat(KEY.verifies(received.signedBytes(), received.message().signature())).isTrue();
        OmapiKey other = new OmapiKey("k", "another key 16 b".getBytes(StandardCharsets.US_ASCII));
        assertThat(other.verifies(received.signedBytes(), received.message().signature()))
                .isFalse();
    }

    @Test
    void truncatedMessage_failsWithEndOfStream() {
        byte[] whole = OmapiWire.encode(OmapiMessage.open(1, "failover-state", Map.of()));
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);
        assertThatThrownBy(() -> OmapiWire.read(new ByteArrayInputStream(truncated)))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void messageAboveTheSizeLimit_failsWithProtocolError() {
        OmapiMessage big =
                new OmapiMessage(
                        0,
                        OmapiOperation.UPDATE,
                        1,
                        1,
                        1,
                        Map.of(),
                        Map.of("blob", new byte[OmapiWire.MAX_MESSAGE_BYTES]),
                        new byte[0]);
        assertThatThrownBy(() -> OmapiWire.read(new ByteArrayInputStream(OmapiWire.encode(big))))
                .isInstanceOfSatisfying(
                        OmapiException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(OmapiException.Reason.PROTOCOL_ERROR));
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
