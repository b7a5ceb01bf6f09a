package dk.npflan.dhcp.omapi;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OMAPI wire format (ISC {@code omapip/protocol.c}, {@code buffer.c}): the startup intro and
 * the message layout, in both directions. Reading is bounded: every length read from the peer is
 * checked against {@link #MAX_MESSAGE_BYTES} before anything is allocated, so a hostile or broken
 * server cannot make us allocate or wait for gigabytes.
 *
 * <p>Message layout: authid, authlen, opcode, handle, id, rid (six 32-bit big-endian integers, the
 * 24-byte header), then the message list and the object list, each a run of (16-bit name length,
 * name, 32-bit value length, value) ended by a zero name length, then {@code authlen} signature
 * bytes. The signature covers everything from authlen up to the end of the object list.
 */
public final class OmapiWire {

    /** Protocol version both sides announce in the intro. */
    public static final int PROTOCOL_VERSION = 100;

    /** Header size both sides announce in the intro. */
    public static final int HEADER_SIZE = 24;

    /** Upper bound on one message we accept (dhcpd's answers are a few hundred bytes). */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    /** Upper bound on a signature (HMAC-SHA512 is 64 bytes). */
    public static final int MAX_SIGNATURE_BYTES = 64;

    private OmapiWire() {}

    /** The 8-byte startup intro: protocol version and header size. */
    public static byte[] intro() {
        return ByteBuffer.allocate(8).putInt(PROTOCOL_VERSION).putInt(HEADER_SIZE).array();
    }

    /** Reads and checks the peer's intro. */
    public static void readIntro(InputStream in) throws IOException, OmapiException {
        DataInputStream data = new DataInputStream(in);
        int version = data.readInt();
        int headerSize = data.readInt();
        if (version != PROTOCOL_VERSION || headerSize != HEADER_SIZE) {
            throw new OmapiException(
                    OmapiException.Reason.PROTOCOL_ERROR,
                    "not an OMAPI server: intro announced version "
                            + Integer.toUnsignedString(version)
                            + ", header size "
                            + Integer.toUnsignedString(headerSize)
                            + " (expected "
                            + PROTOCOL_VERSION
                            + ", "
                            + HEADER_SIZE
                            + ")");
        }
    }

    /**
     * The bytes a signature covers: authlen, opcode, handle, id, rid, message list, object list.
     * {@code authLength} is the length the signature will have.
     */
    public static byte[] signedPart(OmapiMessage m, int authLength) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeInt(authLength);
            out.writeInt(m.operation().code());
            out.writeInt(m.handle());
            out.writeInt(m.id());
            out.writeInt(m.rid());
            writeList(out, m.message());
            writeList(out, m.object());
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** The complete message as sent: authid, the signed part, the signature. */
    public static byte[] encode(OmapiMessage m) {
        byte[] signed = signedPart(m, m.signature().length);
        return ByteBuffer.allocate(4 + signed.length + m.signature().length)
                .putInt(m.authId())
                .put(signed)
                .put(m.signature())
                .array();
    }

    private static void writeList(DataOutputStream out, Map<String, byte[]> values)
            throws IOException {
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.US_ASCII);
            out.writeShort(name.length);
            out.write(name);
            out.writeInt(e.getValue().length);
            out.write(e.getValue());
        }
        out.writeShort(0);
    }

    /**
     * Reads one message. Returns it together with the bytes its signature covers, so the caller can
     * verify the signature against its key.
     */
    public static Received read(InputStream in) throws IOException, OmapiException {
        DataInputStream data = new DataInputStream(in);
        int authId = data.readInt();
        Budget budget = new Budget();
        ByteArrayOutputStream signed = new ByteArrayOutputStream(256);
        DataInputStream body = new DataInputStream(new TeeInputStream(in, signed));
        int authLength = body.readInt();
        int opcode = body.readInt();
        int handle = body.readInt();
        int id = body.readInt();
        int rid = body.readInt();
        budget.take(HEADER_SIZE);
        if (authLength < 0 || authLength > MAX_SIGNATURE_BYTES) {
            throw protocol(
                    "signature length " + Integer.toUnsignedString(authLength) + " out of range");
        }
        OmapiOperation operation = OmapiOperation.ofCode(opcode);
        if (operation == null) {
            throw protocol("unknown opcode " + Integer.toUnsignedString(opcode));
        }
        Map<String, byte[]> message = readList(body, budget);
        Map<String, byte[]> object = readList(body, budget);
        budget.take(authLength);
        byte[] signature = new byte[authLength];
        data.readFully(signature);
        OmapiMessage m =
                new OmapiMessage(authId, operation, handle, id, rid, message, object, signature);
        return new Received(m, signed.toByteArray());
    }

    private static Map<String, byte[]> readList(DataInputStream in, Budget budget)
            throws IOException, OmapiException {
        Map<String, byte[]> values = new LinkedHashMap<>();
        while (true) {
            budget.take(2);
            int nameLength = in.readUnsignedShort();
            if (nameLength == 0) {
                return values;
            }
            budget.take(nameLength);
            byte[] name = new byte[nameLength];
            in.readFully(name);
            budget.take(4);
            int valueLength = in.readInt();
            if (valueLength < 0) {
                throw protocol(
                        "value length " + Integer.toUnsignedString(valueLength) + " out of range");
            }
            budget.take(valueLength);
            byte[] value = new byte[valueLength];
            in.readFully(value);
            values.put(new String(name, StandardCharsets.US_ASCII), value);
        }
    }

    private static OmapiException protocol(String message) {
        return new OmapiException(OmapiException.Reason.PROTOCOL_ERROR, message);
    }

    /** A decoded message plus the exact bytes its signature covers. */
    public record Received(OmapiMessage message, byte[] signedBytes) {}

    /** Counts bytes against {@link #MAX_MESSAGE_BYTES} before they are allocated or read. */
    private static final class Budget {
        private long used;

        void take(long bytes) throws OmapiException {
            used += bytes;
            if (used > MAX_MESSAGE_BYTES) {
                throw protocol("message exceeds " + MAX_MESSAGE_BYTES + " bytes");
            }
        }
    }

    /** Copies what is read into a buffer, to recover the signed bytes exactly as received. */
    private static final class TeeInputStream extends InputStream {
        private final InputStream in;
        private final ByteArrayOutputStream copy;

        TeeInputStream(InputStream in, ByteArrayOutputStream copy) {
            this.in = in;
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                copy.write(buffer, offset, n);
            }
            return n;
        }
    }
}
