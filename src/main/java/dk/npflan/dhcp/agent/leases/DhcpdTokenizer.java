package dk.npflan.dhcp.agent.leases;

/**
 * Splits dhcpd's file syntax (dhcpd.conf and dhcpd.leases share it) into words, quoted strings and
 * the punctuation {@code { } ;}, skipping {@code #} comments. It is push-based and keeps only a
 * fixed-size word buffer, so a reader can feed it a file in chunks of any size and any content — a
 * 10 MB word or an unterminated string cost no memory. Word text longer than {@link #MAX_WORD}
 * bytes is cut and flagged: no keyword or address is that long.
 *
 * <p>A quoted string ends at its closing quote or, unlike in dhcpd, at the end of the line (flagged
 * as {@link Sink#invalid}): dhcpd writes non-printable bytes as octal escapes, so a raw newline in
 * a string only happens in a torn or garbled file, and stopping there keeps the damage to one line.
 */
final class DhcpdTokenizer {

    /** Longest word text kept; longer words are reported cut to this length. */
    static final int MAX_WORD = 64;

    /** Receives tokens with their byte offsets in the input. */
    interface Sink {
        /**
         * A word (keyword, address, number, date part …).
         *
         * @param text the word's first {@code length} bytes (valid only during the call)
         * @param cut whether the word was longer than {@link #MAX_WORD}
         * @param start offset of its first byte
         * @param end offset just after its last byte
         * @param columnZero whether it starts at the very beginning of a line
         */
        void word(byte[] text, int length, boolean cut, long start, long end, boolean columnZero);

        /** A quoted string ending just before {@code end}; its content is not needed. */
        void string(long start, long end);

        /** One of {@code {}, {@code }} or {@code ;} at {@code offset}. */
        void punctuation(byte c, long offset);

        /** A control byte outside strings and comments, or a string cut by a newline. */
        void invalid(long offset);
    }

    private static final int NORMAL = 0;
    private static final int WORD = 1;
    private static final int STRING = 2;
    private static final int STRING_ESCAPE = 3;
    private static final int COMMENT = 4;

    private final Sink sink;
    private final byte[] word = new byte[MAX_WORD];
    private int mode = NORMAL;
    private int wordLength;
    private boolean wordCut;
    private long tokenStart;
    private boolean tokenAtColumnZero;
    private boolean columnZero = true;

    DhcpdTokenizer(Sink sink) {
        this.sink = sink;
    }

    /** Forgets any half-read token; the next byte fed is at column zero if {@code columnZero}. */
    void reset(boolean columnZero) {
        mode = NORMAL;
        wordLength = 0;
        wordCut = false;
        this.columnZero = columnZero;
    }

    /**
     * Feeds {@code buffer[from, to)}, whose first byte is at offset {@code offset} of the input.
     */
    void feed(byte[] buffer, int from, int to, long offset) {
        long base = offset - from;
        for (int i = from; i < to; i++) {
            byte b = buffer[i];
            boolean atColumnZero = columnZero;
            columnZero = b == '\n';
            switch (mode) {
                case WORD -> {
                    if (isWordByte(b)) {
                        if (wordLength < MAX_WORD) {
                            word[wordLength++] = b;
                        } else {
                            wordCut = true;
                        }
                        continue;
                    }
                    endWord(base + i);
                    normal(b, base + i, atColumnZero);
                }
                case STRING -> {
                    if (b == '"') {
                        mode = NORMAL;
                        sink.string(tokenStart, base + i + 1);
                    } else if (b == '\\') {
                        mode = STRING_ESCAPE;
                    } else if (b == '\n') {
                        mode = NORMAL;
                        sink.invalid(base + i);
                    }
                }
                case STRING_ESCAPE -> mode = b == '\n' ? stringCutByNewline(base + i) : STRING;
                case COMMENT -> {
                    if (b == '\n') {
                        mode = NORMAL;
                    }
                }
                default -> normal(b, base + i, atColumnZero);
            }
        }
    }

    /** Ends the input: a word that runs up to the end is complete (for whole-file parsing). */
    void finish(long offset) {
        if (mode == WORD) {
            endWord(offset);
        } else if (mode == STRING || mode == STRING_ESCAPE) {
            sink.invalid(offset);
        }
        mode = NORMAL;
    }

    private int stringCutByNewline(long offset) {
        sink.invalid(offset);
        return NORMAL;
    }

    private void normal(byte b, long offset, boolean atColumnZero) {
        switch (b) {
            case ' ', '\t', '\r', '\n', '\f' -> mode = NORMAL;
            case '{', '}', ';' -> {
                mode = NORMAL;
                sink.punctuation(b, offset);
            }
            case '"' -> {
                mode = STRING;
                tokenStart = offset;
            }
            case '#' -> mode = COMMENT;
            default -> {
                if (isWordByte(b)) {
                    mode = WORD;
                    tokenStart = offset;
                    tokenAtColumnZero = atColumnZero;
                    word[0] = b;
                    wordLength = 1;
                    wordCut = false;
                } else {
                    mode = NORMAL;
                    sink.invalid(offset);
                }
            }
        }
    }

    private void endWord(long end) {
        mode = NORMAL;
        sink.word(word, wordLength, wordCut, tokenStart, end, tokenAtColumnZero);
    }

    private static boolean isWordByte(byte b) {
        return (b > ' ' && b != 0x7f && b != '{' && b != '}' && b != ';' && b != '"' && b != '#')
                || b < 0;
    }

    /** Whether {@code text[0, length)} is exactly the ASCII {@code keyword}. */
    static boolean is(byte[] text, int length, String keyword) {
        if (length != keyword.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text[i] != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Parses a plain dotted quad as an unsigned value, or -1 if the word is not exactly one. */
    static long ipv4(byte[] text, int length, boolean cut) {
        if (cut || length < 7 || length > 15) {
            return -1;
        }
        long value = 0;
        int octets = 0;
        int i = 0;
        while (i < length) {
            int start = i;
            int octet = 0;
            while (i < length && text[i] >= '0' && text[i] <= '9') {
                octet = octet * 10 + (text[i] - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
            octets++;
            if (i < length) {
                if (text[i] != '.' || octets == 4) {
                    return -1;
                }
                i++;
                if (i == length) {
                    return -1;
                }
            }
        }
        return octets == 4 ? value : -1;
    }
}
