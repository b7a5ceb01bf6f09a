package dk.npflan.dhcp.omapi;

/**
 * The OMAPI opcodes (ISC {@code omapip/omapip_p.h}). Kept as an enum so that a reply is matched by
 * name, and an opcode we do not know is a protocol error instead of a silent misread.
 */
public enum OmapiOperation {
    OPEN(1),
    REFRESH(2),
    UPDATE(3),
    NOTIFY(4),
    STATUS(5),
    DELETE(6);

    private final int code;

    OmapiOperation(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The operation for a wire code, or {@code null} when the code is not an OMAPI opcode. */
    public static OmapiOperation ofCode(int code) {
        for (OmapiOperation op : values()) {
            if (op.code == code) {
                return op;
            }
        }
        return null;
    }
}
