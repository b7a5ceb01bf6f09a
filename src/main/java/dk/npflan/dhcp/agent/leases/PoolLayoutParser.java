package dk.npflan.dhcp.agent.leases;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the subnet and range structure out of a dhcpd.conf, as rendered by {@code
 * config.DhcpdConfigRenderer}, but tolerant of anything dhcpd accepts: {@code range} inside {@code
 * pool} or directly in {@code subnet}, {@code range dynamic-bootp}, a single-address range, subnets
 * inside {@code shared-network} or {@code group}, and pools of a {@code shared-network} (their
 * ranges go to the subnet that contains them). Every other statement is skipped by its structure,
 * without being understood. Bounded: the input is read up to {@link #MAX_CONFIG_BYTES}, nesting
 * deeper than {@link #MAX_DEPTH} is skipped, and a range that is reversed is swapped (as dhcpd
 * does), one outside its subnet or not inside any subnet is dropped and reported.
 */
public final class PoolLayoutParser {

    /** Larger than any config we render (10,000 pools are ~2.4 MB). */
    public static final int MAX_CONFIG_BYTES = 256 * 1024 * 1024;

    static final int MAX_DEPTH = 32;
    private static final int MAX_STATEMENT_WORDS = 8;
    private static final int MAX_PROBLEMS_KEPT = 20;

    private enum Block {
        SUBNET,
        POOL,
        GROUP,
        OTHER
    }

    private PoolLayoutParser() {}

    public static PoolLayout parse(String config) {
        return parse(config.getBytes(StandardCharsets.UTF_8));
    }

    public static PoolLayout parse(Path config) throws IOException {
        try (InputStream in = Files.newInputStream(config)) {
            return parse(in.readNBytes(MAX_CONFIG_BYTES));
        }
    }

    public static PoolLayout parse(byte[] config) {
        Parser parser = new Parser();
        DhcpdTokenizer tokenizer = new DhcpdTokenizer(parser);
        int length = Math.min(config.length, MAX_CONFIG_BYTES);
        tokenizer.feed(config, 0, length, 0);
        tokenizer.finish(length);
        return parser.layout();
    }

    private static final class SubnetBuilder {
        final long network;
        final int prefixLength;
        final List<AddressRange> ranges = new ArrayList<>();

        SubnetBuilder(long network, int prefixLength) {
            this.network = network;
            this.prefixLength = prefixLength;
        }

        boolean contains(long address) {
            return address >= network && address <= (network | (0xFFFF_FFFFL >>> prefixLength));
        }
    }

    private record Frame(Block block, SubnetBuilder subnet) {}

    private record Orphan(AddressRange range, String text) {}

    private static final class Parser implements DhcpdTokenizer.Sink {
        private final List<SubnetBuilder> subnets = new ArrayList<>();
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final List<Orphan> orphans = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final String[] words = new String[MAX_STATEMENT_WORDS];
        private int problemCount;
        private int wordCount;
        private int skippedDepth;

        @Override
        public void word(
                byte[] text, int length, boolean cut, long start, long end, boolean columnZero) {
            if (wordCount < MAX_STATEMENT_WORDS) {
                words[wordCount] =
                        cut ? "\u0000" : new String(text, 0, length, StandardCharsets.ISO_8859_1);
            }
            wordCount++;
        }

        @Override
        public void string(long start, long end) {
            if (wordCount < MAX_STATEMENT_WORDS) {
                words[wordCount] = "\"";
            }
            wordCount++;
        }

        @Override
        public void invalid(long offset) {
            // Control bytes in a config dhcpd accepted do not occur; nothing we need is affected.
        }

        @Override
        public void punctuation(byte c, long offset) {
            switch (c) {
                case '{' -> open(offset);
                case '}' -> close(offset);
                default -> statement(offset);
            }
            wordCount = 0;
        }

        private void open(long offset) {
            if (skippedDepth > 0 || stack.size() >= MAX_DEPTH) {
                if (skippedDepth == 0) {
                    problem("nesting deeper than " + MAX_DEPTH + " at byte " + offset + " skipped");
                }
                skippedDepth++;
                return;
            }
            String head = wordCount > 0 ? words[0] : "";
            Block block;
            SubnetBuilder subnet = innermostSubnet();
            switch (head) {
                case "subnet" -> {
                    SubnetBuilder declared = subnetDeclaration(offset);
                    block = declared == null ? Block.OTHER : Block.SUBNET;
                    if (declared != null) {
                        subnets.add(declared);
                        subnet = declared;
                    }
                }
                case "pool" -> block = Block.POOL;
                case "shared-network", "group" -> block = Block.GROUP;
                default -> block = Block.OTHER;
            }
            stack.push(new Frame(block, subnet));
        }

        private SubnetBuilder subnetDeclaration(long offset) {
            if (wordCount != 4 || !"netmask".equals(words[2])) {
                problem("unreadable subnet declaration at byte " + offset);
                return null;
            }
            long network = address(words[1]);
            long mask = address(words[3]);
            int prefix = mask < 0 ? -1 : 32 - Long.numberOfTrailingZeros(mask | (1L << 32));
            if (network < 0
                    || prefix < 0
                    || mask != ((0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL)
                    || (network & ~mask & 0xFFFF_FFFFL) != 0) {
                problem("bad subnet " + words[1] + " netmask " + words[3]);
                return null;
            }
            return new SubnetBuilder(network, prefix);
        }

        private void close(long offset) {
            if (skippedDepth > 0) {
                skippedDepth--;
            } else if (stack.isEmpty()) {
                problem("unbalanced '}' at byte " + offset);
            } else {
                stack.pop();
            }
        }

        private void statement(long offset) {
            if (skippedDepth > 0 || wordCount == 0 || !"range".equals(words[0])) {
                return;
            }
            if (stack.isEmpty()
                    || (stack.peek().block() != Block.SUBNET
                            && stack.peek().block() != Block.POOL)) {
                problem("range outside subnet and pool at byte " + offset + " ignored");
                return;
            }
            int from = wordCount > 1 && "dynamic-bootp".equals(words[1]) ? 2 : 1;
            int count = Math.min(wordCount, MAX_STATEMENT_WORDS) - from;
            if (count < 1 || count > 2 || wordCount > MAX_STATEMENT_WORDS) {
                problem("unreadable range at byte " + offset);
                return;
            }
            long low = address(words[from]);
            long high = count == 2 ? address(words[from + 1]) : low;
            if (low < 0 || high < 0) {
                problem("unreadable range at byte " + offset);
                return;
            }
            AddressRange range =
                    new AddressRange(
                            Math.min(low, high),
                            Math.max(low, high),
                            stack.peek().block() == Block.POOL);
            SubnetBuilder subnet = stack.peek().subnet();
            if (subnet == null) {
                orphans.add(new Orphan(range, "range " + range.label()));
            } else {
                addTo(subnet, range);
            }
        }

        private void addTo(SubnetBuilder subnet, AddressRange range) {
            if (subnet.contains(range.first()) && subnet.contains(range.last())) {
                subnet.ranges.add(range);
            } else {
                problem(
                        "range "
                                + range.label()
                                + " outside subnet "
                                + AddressRange.dotted(subnet.network)
                                + "/"
                                + subnet.prefixLength
                                + " dropped");
            }
        }

        private SubnetBuilder innermostSubnet() {
            for (Frame frame : stack) {
                if (frame.subnet() != null) {
                    return frame.subnet();
                }
            }
            return null;
        }

        private static long address(String word) {
            if (word == null) {
                return -1;
            }
            byte[] bytes = word.getBytes(StandardCharsets.ISO_8859_1);
            return DhcpdTokenizer.ipv4(bytes, bytes.length, false);
        }

        private void problem(String text) {
            problemCount++;
            if (problems.size() < MAX_PROBLEMS_KEPT) {
                problems.add(text);
            }
        }

        PoolLayout layout() {
            for (Orphan orphan : orphans) {
                SubnetBuilder home = null;
                for (SubnetBuilder subnet : subnets) {
                    if (subnet.contains(orphan.range().first())) {
                        home = subnet;
                        break;
                    }
                }
                if (home == null) {
                    problem(orphan.text() + " is in no subnet: dropped");
                } else {
                    addTo(home, orphan.range());
                }
            }
            if (!stack.isEmpty() || skippedDepth > 0) {
                problem("unterminated block at end of file");
            }
            List<ConfiguredSubnet> result = new ArrayList<>(subnets.size());
            for (SubnetBuilder subnet : subnets) {
                result.add(
                        new ConfiguredSubnet(subnet.network, subnet.prefixLength, subnet.ranges));
            }
            return new PoolLayout(result, problems, problemCount);
        }
    }
}
