package dk.npflan.dhcp.omapi;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One OMAPI message as it travels on the wire: header fields, the message and object name/value
 * lists (order kept) and the signature. A value type so that encoding, decoding and signing can be
 * tested without a socket.
 *
 * @param authId authenticator handle the message is signed with (0 = unsigned)
 * @param operation the opcode
 * @param handle object handle the message refers to (0 = none)
 * @param id transaction id chosen by the sender
 * @param rid for a reply: the id of the message it answers
 * @param message message attributes, e.g. {@code type}
 * @param object object attributes, e.g. {@code name}, {@code local-state}
 * @param signature signature bytes, empty when unsigned
 */
public record OmapiMessage(
        int authId,
        OmapiOperation operation,
        int handle,
        int id,
        int rid,
        Map<String, byte[]> message,
        Map<String, byte[]> object,
        byte[] signature) {

    public OmapiMessage {
        message = Collections.unmodifiableMap(new LinkedHashMap<>(message));
        object = Collections.unmodifiableMap(new LinkedHashMap<>(object));
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** An unsigned request to open an object of {@code type} looked up by {@code lookup}. */
    public static OmapiMessage open(int id, String type, Map<String, byte[]> lookup) {
        return new OmapiMessage(
                0,
                OmapiOperation.OPEN,
                0,
                id,
                0,
                Map.of("type", type.getBytes(StandardCharsets.US_ASCII)),
                lookup,
                new byte[0]);
    }

    public Optional<byte[]> objectValue(String name) {
        return Optional.ofNullable(object.get(name));
    }

    public Optional<byte[]> messageValue(String name) {
        return Optional.ofNullable(message.get(name));
    }
}
