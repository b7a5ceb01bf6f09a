package dk.npflan.dhcp.agent.leases;

import dk.npflan.dhcp.omapi.BindingState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Reads ISC dhcpd 4.4's {@code dhcpd.leases} incrementally into a {@link LeaseTable}. dhcpd only
 * appends to the file, except that it periodically writes a fresh copy to {@code dhcpd.leases~} and
 * renames it over the original: so each {@link #poll()} reads just the bytes after the last
 * complete top-level statement, and starts from an empty table when the file's inode changed or the
 * file got shorter than what was read. The last {@code lease} block for an address wins, as in
 * dhcpd.
 *
 * <p>What is kept per address is its {@code binding state} only ({@code next binding state}, {@code
 * rewind binding state}, times, client identifiers are skipped unread): that is all the pool counts
 * need. Everything else at the top level ({@code failover peer … state}, {@code server-duid},
 * {@code authoring-byte-order}, {@code host}) is parsed for structure and ignored.
 *
 * <p>Hostile input never costs memory beyond the table cap and the fixed read buffer, and never
 * throws: a statement that does not parse is skipped and counted ({@link LeaseSkipReason}). Two
 * rules keep one bad block from swallowing the good ones after it, both from how dhcpd writes the
 * file (top-level statements at column 0, everything inside indented): a known top-level keyword at
 * column 0 inside an unfinished statement ends that statement as torn; and a statement longer than
 * {@link #MAX_STATEMENT_BYTES} is abandoned and reading resumes at the next word at column 0. An
 * unfinished statement at the end of the file is left for the next poll (dhcpd may be writing it),
 * so each poll re-reads at most that tail.
 *
 * <p>Not thread-safe on its own; {@link PoolUsageMonitor} serialises polls.
 */
public final class LeaseFileReader {

    /** Longest statement accepted; real lease blocks are 150–1,000 bytes. */
    public static final int MAX_STATEMENT_BYTES = 64 * 1024;

    /** Default cap on distinct addresses: three times the 10,000 × 241 scale. */
    public static final int DEFAULT_MAX_LEASES = 8 * 1024 * 1024;

    private static final int BUFFER_BYTES = 256 * 1024;
    private static final int MAX_DEPTH = 16;
    private static final String[] TOP_LEVEL_KEYWORDS = {
        "lease",
        "failover",
        "host",
        "server-duid",
        "authoring-byte-order",
        "group",
        "class",
        "subclass",
        "ia_na",
        "ia_ta",
        "ia_pd"
    };

    private final Path file;
    private final LeaseTable table;
    private final StatementParser parser = new StatementParser();
    private final DhcpdTokenizer tokenizer = new DhcpdTokenizer(parser);
    private final long[] skipped = new long[LeaseSkipReason.values().length];
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private Object fileKey;
    private long committed;
    private long readUpTo;
    private long fileBytes;
    private long rewrites;
    private boolean read;

    public LeaseFileReader(Path file) {
        this(file, DEFAULT_MAX_LEASES);
    }

    public LeaseFileReader(Path file, int maxLeases) {
        this.file = Objects.requireNonNull(file);
        this.table = new LeaseTable(maxLeases);
    }

    /**
     * Reads what was appended since the last poll, or the whole file again after a rewrite.
     *
     * @throws IOException only for I/O failures other than a missing file
     */
    public LeasePoll poll() throws IOException {
        for (int attempt = 0; ; attempt++) {
            BasicFileAttributes before;
            try {
                before = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                fileBytes = 0;
                return new LeasePoll(LeasePoll.Kind.MISSING, 0, 0, 0);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
                if (!Objects.equals(key, before.fileKey()) && attempt < 3) {
                    continue; // renamed between the two looks: look again
                }
                return read(channel, key);
            } catch (NoSuchFileException e) {
                if (attempt >= 3) {
                    fileBytes = 0;
                    return new LeasePoll(LeasePoll.Kind.MISSING, 0, 0, 0);
                }
            }
        }
    }

    private LeasePoll read(FileChannel channel, Object key) throws IOException {
        long size = channel.size();
        fileBytes = size;
        LeasePoll.Kind kind = LeasePoll.Kind.APPENDED;
        if (!read || !Objects.equals(key, fileKey) || size < committed) {
            if (read) {
                rewrites++;
            }
            table.clear();
            committed = 0;
            fileKey = key;
            read = true;
            kind = LeasePoll.Kind.REREAD;
        } else if (size == readUpTo) {
            return new LeasePoll(LeasePoll.Kind.UNCHANGED, 0, 0, size);
        }
        long start = committed;
        parser.startAt(committed);
        tokenizer.reset(committed == 0);
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long position = committed;
        while (position < size) {
            wrapped.clear();
            wrapped.limit((int) Math.min(buffer.length, size - position));
            int n = channel.read(wrapped, position);
            if (n <= 0) {
                break;
            }
            tokenizer.feed(buffer, 0, n, position);
            position += n;
            if (parser.abandonIfOversize(position)) {
                tokenizer.reset(false);
            }
        }
        committed = parser.committed;
        readUpTo = position;
        return new LeasePoll(kind, position - start, parser.applied, size);
    }

    public LeaseTable table() {
        return table;
    }

    /** Blocks skipped for {@code reason} since this reader was created (over all rewrites). */
    public long skipped(LeaseSkipReason reason) {
        return skipped[reason.ordinal()];
    }

    /** Size of the file at the last poll. */
    public long fileBytes() {
        return fileBytes;
    }

    /** How many times the file was found rewritten. */
    public long rewrites() {
        return rewrites;
    }

    /** Offset just after the last complete statement read. */
    public long committedOffset() {
        return committed;
    }

    private static byte stateCode(byte[] text, int length) {
        BindingState state;
        if (DhcpdTokenizer.is(text, length, "active")) {
            state = BindingState.ACTIVE;
        } else if (DhcpdTokenizer.is(text, length, "free")) {
            state = BindingState.FREE;
        } else if (DhcpdTokenizer.is(text, length, "backup")) {
            state = BindingState.BACKUP;
        } else if (DhcpdTokenizer.is(text, length, "expired")) {
            state = BindingState.EXPIRED;
        } else if (DhcpdTokenizer.is(text, length, "released")) {
            state = BindingState.RELEASED;
        } else if (DhcpdTokenizer.is(text, length, "abandoned")) {
            state = BindingState.ABANDONED;
        } else if (DhcpdTokenizer.is(text, length, "reset")) {
            state = BindingState.RESET;
        } else if (DhcpdTokenizer.is(text, length, "reserved")
                || DhcpdTokenizer.is(text, length, "bootp")) {
            // dhcpd reads these legacy states as active with a flag (server/confpars.c)
            state = BindingState.ACTIVE;
        } else {
            return 0;
        }
        return (byte) state.code();
    }

    private static boolean isTopLevelKeyword(byte[] text, int length) {
        for (String keyword : TOP_LEVEL_KEYWORDS) {
            if (DhcpdTokenizer.is(text, length, keyword)) {
                return true;
            }
        }
        return false;
    }

    /** The statement-level state machine over the tokens; one statement at a time. */
    private final class StatementParser implements DhcpdTokenizer.Sink {

        private static final int INNER_OTHER = 0;
        private static final int INNER_BINDING = 1;
        private static final int INNER_BINDING_STATE = 2;
        private static final int INNER_BINDING_VALUE = 3;

        long committed;
        long applied;
        private boolean inStatement;
        private boolean resyncing;
        private long statementStart;
        private int topTokens;
        private boolean lease;
        private long address;
        private int depth;
        private boolean malformed;
        private int innerTokens;
        private int innerKind;
        private byte pendingState;
        private byte state;

        void startAt(long offset) {
            committed = offset;
            applied = 0;
            inStatement = false;
            resyncing = false;
        }

        /** At a chunk end: gives up a statement that has grown too long. */
        boolean abandonIfOversize(long position) {
            if (inStatement && position - statementStart > MAX_STATEMENT_BYTES) {
                skip(LeaseSkipReason.OVERSIZE);
                resyncing = true;
                committed = position;
                return true;
            }
            return false;
        }

        @Override
        public void word(
                byte[] text, int length, boolean cut, long start, long end, boolean columnZero) {
            if (resyncing) {
                if (!columnZero) {
                    committed = end;
                    return;
                }
                resyncing = false;
            }
            if (inStatement && columnZero && !cut && isTopLevelKeyword(text, length)) {
                skip(LeaseSkipReason.TORN);
                committed = start;
            }
            if (!inStatement) {
                begin(start);
                lease = DhcpdTokenizer.is(text, length, "lease");
                topTokens = 1;
                return;
            }
            if (oversize(end)) {
                return;
            }
            if (depth == 0) {
                if (lease) {
                    if (topTokens == 1) {
                        address = DhcpdTokenizer.ipv4(text, length, cut);
                    } else {
                        malformed = true;
                    }
                }
                topTokens++;
            } else if (depth == 1) {
                innerWord(text, length);
            }
        }

        private void innerWord(byte[] text, int length) {
            switch (innerTokens) {
                case 0 ->
                        innerKind =
                                DhcpdTokenizer.is(text, length, "binding")
                                        ? INNER_BINDING
                                        : INNER_OTHER;
                case 1 ->
                        innerKind =
                                innerKind == INNER_BINDING
                                                && DhcpdTokenizer.is(text, length, "state")
                                        ? INNER_BINDING_STATE
                                        : INNER_OTHER;
                case 2 -> {
                    if (innerKind == INNER_BINDING_STATE) {
                        pendingState = stateCode(text, length);
                        innerKind = INNER_BINDING_VALUE;
                    }
                }
                default -> {
                    if (innerKind == INNER_BINDING_VALUE) {
                        pendingState = 0; // extra words: not a state we understand
                    }
                }
            }
            innerTokens++;
        }

        @Override
        public void string(long start, long end) {
            if (resyncing) {
                committed = end;
                return;
            }
            if (!inStatement) {
                begin(start);
                malformed = true;
                return;
            }
            if (oversize(end)) {
                return;
            }
            if (depth == 0) {
                if (lease) {
                    malformed = true;
                }
                topTokens++;
            } else if (depth == 1) {
                if (innerKind != INNER_OTHER) {
                    pendingState = 0;
                }
                innerTokens++;
            }
        }

        @Override
        public void punctuation(byte c, long offset) {
            if (resyncing) {
                committed = offset + 1;
                return;
            }
            if (inStatement && oversize(offset + 1)) {
                return;
            }
            switch (c) {
                case '{' -> {
                    if (!inStatement) {
                        begin(offset);
                        malformed = true;
                    }
                    if (depth == 0 && lease && topTokens != 2) {
                        malformed = true;
                    }
                    depth++;
                    if (depth > MAX_DEPTH) {
                        malformed = true;
                    }
                    if (depth == 1) {
                        innerTokens = 0;
                        innerKind = INNER_OTHER;
                    }
                }
                case '}' -> {
                    if (!inStatement) {
                        count(LeaseSkipReason.MALFORMED);
                        committed = offset + 1;
                    } else if (depth == 0) {
                        malformed = true;
                        complete(offset + 1);
                    } else {
                        depth--;
                        if (depth == 0) {
                            complete(offset + 1);
                        } else if (depth == 1) {
                            innerTokens = 0; // a nested block such as "on expiry { … }" ended
                            innerKind = INNER_OTHER;
                        }
                    }
                }
                default -> { // ';'
                    if (!inStatement) {
                        committed = offset + 1;
                    } else if (depth == 0) {
                        if (lease) {
                            malformed = true; // "lease a.b.c.d;" has no block
                        }
                        complete(offset + 1);
                    } else if (depth == 1) {
                        if (innerKind == INNER_BINDING_VALUE || innerKind == INNER_BINDING_STATE) {
                            if (pendingState == 0) {
                                malformed = true;
                            } else {
                                state = pendingState;
                            }
                        }
                        innerTokens = 0;
                        innerKind = INNER_OTHER;
                    }
                }
            }
        }

        @Override
        public void invalid(long offset) {
            if (resyncing) {
                return;
            }
            if (!inStatement) {
                begin(offset);
            }
            malformed = true;
        }

        private void begin(long start) {
            inStatement = true;
            statementStart = start;
            topTokens = 0;
            lease = false;
            address = -1;
            depth = 0;
            malformed = false;
            innerTokens = 0;
            innerKind = INNER_OTHER;
            pendingState = 0;
            state = 0;
        }

        private boolean oversize(long end) {
            if (end - statementStart > MAX_STATEMENT_BYTES) {
                skip(LeaseSkipReason.OVERSIZE);
                resyncing = true;
                committed = end;
                return true;
            }
            return false;
        }

        private void complete(long end) {
            inStatement = false;
            committed = end;
            if (malformed || (lease && (address < 0 || state == 0))) {
                count(LeaseSkipReason.MALFORMED);
            } else if (lease) {
                if (table.put((int) address, state)) {
                    applied++;
                } else {
                    count(LeaseSkipReason.CAPACITY);
                }
            }
        }

        private void skip(LeaseSkipReason reason) {
            inStatement = false;
            count(reason);
        }

        private void count(LeaseSkipReason reason) {
            skipped[reason.ordinal()]++;
        }
    }
}
