package dk.npflan.dhcp.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.webhook.SignatureVerifier.Result;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureVerifierTest {

    private final SignatureVerifier verifier = new SignatureVerifier(NetboxWire.SECRET);

    @Test
    void wireBodies_areByteExactCopiesOfTheSharedFixtures() throws Exception {
        assertThat(sha256(NetboxWire.PREFIX_CREATED.body()))
                .isEqualTo("9828e5faee0c6da92f520dc3fb03a7380853d1a9d01dd99b68b5a1ad585e3a81");
        assertThat(sha256(NetboxWire.PREFIX_UPDATED.body()))
                .isEqualTo("7036d7497f1f319be1e82a8faf56cd2434bab6a5ef530442665642ab77988881");
        assertThat(sha256(NetboxWire.PREFIX_DELETED.body()))
                .isEqualTo("63532a8dc0659bd7143fb0528787c8148e8b055b2639ed2854b040d9099fc819");
        assertThat(sha256(NetboxWire.IPRANGE_CREATED.body()))
                .isEqualTo("ccbfb59c43119800a39a3fe5f490f5cc3a6d5af8a6e8aa8d1e9ad9f9c0d762e9");
    }

    @ParameterizedTest
    @EnumSource(NetboxWire.class)
    void netboxSignature_isValid(NetboxWire wire) {
        assertThat(verifier.check(wire.body(), wire.signature)).isEqualTo(Result.VALID);
        assertThat(verifier.signHex(wire.body())).isEqualTo(wire.signature);
    }

    @ParameterizedTest
    @EnumSource(NetboxWire.class)
    void oneBodyByteChanged_isMismatch(NetboxWire wire) {
        byte[] body = wire.body();
        body[body.length / 2] ^= 0x01;
        assertThat(verifier.check(body, wire.signature)).isEqualTo(Result.MISMATCH);
    }

    @Test
    void oneSignatureDigitChanged_isMismatch() {
        String signature = NetboxWire.PREFIX_CREATED.signature;
        String changed = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
        assertThat(verifier.check(NetboxWire.PREFIX_CREATED.body(), changed))
                .isEqualTo(Result.MISMATCH);
    }

    @Test
    void wrongSecret_isMismatch() {
        SignatureVerifier other = new SignatureVerifier("another-secret");
        assertThat(
                        other.check(
                                NetboxWire.PREFIX_CREATED.body(),
                                NetboxWire.PREFIX_CREATED.signature))
                .isEqualTo(Result.MISMATCH);
    }

    @Test
    void upperCaseHex_encodesTheSameMac_andIsAccepted() {
        assertThat(
                        verifier.check(
                                NetboxWire.PREFIX_CREATED.body(),
                                NetboxWire.PREFIX_CREATED.signature.toUpperCase()))
                .isEqualTo(Result.VALID);
    }

    @Test
    void missingOrBlank_isMissing() {
        assertThat(verifier.check(new byte[0], null)).isEqualTo(Result.MISSING);
        assertThat(verifier.check(new byte[0], "  ")).isEqualTo(Result.MISSING);
    }

    @Test
    void wrongLengthOrNonHex_isMalformed() {
        String signature = NetboxWire.PREFIX_CREATED.signature;
        byte[] body = NetboxWire.PREFIX_CREATED.body();
        assertThat(verifier.check(body, signature.substring(2))).isEqualTo(Result.MALFORMED);
        assertThat(verifier.check(body, signature + "00")).isEqualTo(Result.MALFORMED);
        assertThat(verifier.check(body, "zz" + signature.substring(2))).isEqualTo(Result.MALFORMED);
        assertThat(verifier.check(body, "sha512=" + signature.substring(7)))
                .isEqualTo(Result.MALFORMED);
    }

    @Test
    void emptySecret_isRefused() {
        assertThatThrownBy(() -> new SignatureVerifier(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
