package dk.npflan.dhcp.agent.leases;

import static dk.npflan.dhcp.agent.leases.PoolUsageTest.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.omapi.BindingState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseFileReaderTest {

    private static final byte ACTIVE = (byte) BindingState.ACTIVE.code();
    private static final byte FREE = (byte) BindingState.FREE.code();

    @TempDir Path dir;

    @Test
    void appendedLeases_nextPollReadsOnlyTheNewBytes() throws IOException {
        Path file = dir.resolve("dhcpd.leases");
        Files.writeString(file, lease("10.0.0.1", "active") + lease("10.0.0.2", "free"));
        LeaseFileReader reader = new LeaseFileReader(file);
        LeasePoll first = reader.poll();
        long before = Files.size(file);

        String more = lease("10.0.0.3", "active") + lease("10.0.0.1", "released");
        append(file, more);
        LeasePoll second = reader.poll();

        assertThat(first.kind()).isEqualTo(LeasePoll.Kind.REREAD);
        assertThat(second.kind()).isEqualTo(LeasePoll.Kind.APPENDED);
        // the newline after the last '}' is read again: each poll starts after a closing brace
        assertThat(second.bytesRead()).isEqualTo(1 + more.length());
        assertThat(second.leasesApplied()).isEqualTo(2);
        assertThat(reader.committedOffset()).isEqualTo(before + more.length() - 1);
        assertThat(reader.table().get(ipv4(10, 0, 0, 1)))
                .isEqualTo((byte) BindingState.RELEASED.code());
        assertThat(reader.table().get(ipv4(10, 0, 0, 3))).isEqualTo(ACTIVE);
        assertThat(reader.poll().kind()).isEqualTo(LeasePoll.Kind.UNCHANGED);
    }

    @Test
    void blockWrittenInTwoHalves_appliedOnceComplete() throws IOException {
        Path file = dir.resolve("dhcpd.leases");
        String block = lease("10.0.0.9", "active");
        int half = block.indexOf("binding") + 3;
        Files.writeString(file, block.substring(0, half));
        LeaseFileReader reader = new LeaseFileReader(file);

        reader.poll();
        byte whileTorn = reader.table().get(ipv4(10, 0, 0, 9));
        append(file, block.substring(half));
        reader.poll();

        assertThat(whileTorn).isZero();
        assertThat(reader.table().get(ipv4(10, 0, 0, 9))).isEqualTo(ACTIVE);
        assertThat(reader.skipped(LeaseSkipReason.MALFORMED)).isZero();
        assertThat(reader.committedOffset()).isEqualTo(block.lastIndexOf('}') + 1);
    }

    @Test
    void dhcpdRewritesTheFileByRename_readsTheNewFileFromTheStart() throws IOException {
        Path file = dir.resolve("dhcpd.leases");
        Files.writeString(file, lease("10.0.0.1", "active") + lease("10.0.0.2", "active"));
        LeaseFileReader reader = new LeaseFileReader(file);
        reader.poll();

        // dhcpd writes dhcpd.leases~ and renames it: a new inode, here even a longer file
        Path fresh = dir.resolve("dhcpd.leases~");
        Files.writeString(
                fresh,
                lease("10.0.0.2", "free") + lease("10.0.0.5", "active") + "# padding\n".repeat(9));
        Files.move(
                fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LeasePoll poll = reader.poll();

        assertThat(poll.kind()).isEqualTo(LeasePoll.Kind.REREAD);
        assertThat(reader.rewrites()).isEqualTo(1);
        assertThat(reader.table().get(ipv4(10, 0, 0, 1))).as("gone after rewrite").isZero();
        assertThat(reader.table().get(ipv4(10, 0, 0, 2))).isEqualTo(FREE);
        assertThat(reader.table().get(ipv4(10, 0, 0, 5))).isEqualTo(ACTIVE);
        assertThat(reader.table().size()).isEqualTo(2);
    }

    @Test
    void fileShrankInPlace_readsFromTheStart() throws IOException {
        Path file = dir.resolve("dhcpd.leases");
        Files.writeString(file, lease("10.0.0.1", "active") + lease("10.0.0.2", "active"));
        LeaseFileReader reader = new LeaseFileReader(file);
        reader.poll();

        Files.writeString(file, lease("10.0.0.7", "backup"));
        LeasePoll poll = reader.poll();

        assertThat(poll.kind()).isEqualTo(LeasePoll.Kind.REREAD);
        assertThat(reader.table().size()).isEqualTo(1);
        assertThat(reader.table().get(ipv4(10, 0, 0, 7)))
                .isEqualTo((byte) BindingState.BACKUP.code());
    }

    @Test
    void missingFile_reportsMissingAndThenReadsItWhenItAppears() throws IOException {
        Path file = dir.resolve("dhcpd.leases");
        LeaseFileReader reader = new LeaseFileReader(file);

        LeasePoll missing = reader.poll();
        Files.writeString(file, lease("10.0.0.1", "active"));
        LeasePoll found = reader.poll();

        assertThat(missing.kind()).isEqualTo(LeasePoll.Kind.MISSING);
        assertThat(found.kind()).isEqualTo(LeasePoll.Kind.REREAD);
        assertThat(reader.table().size()).isEqualTo(1);
    }

    @Test
    void tenMegabytesOfRandomBytes_neverThrowsAndResyncsOnTheLeaseAfterThem() throws IOException {
        Path file = dir.resolve("dhcpd.leases");
        byte[] junk = new byte[10 * 1024 * 1024];
        new Random(8).nextBytes(junk);
        Files.write(file, junk);
        append(file, "\n" + lease("10.0.0.1", "active"));
        LeaseFileReader reader = new LeaseFileReader(file);

        reader.poll();

        assertThat(reader.table().get(ipv4(10, 0, 0, 1))).isEqualTo(ACTIVE);
        assertThat(reader.committedOffset()).isEqualTo(Files.size(file) - 1);
        assertThat(reader.table().size()).isLessThan(10);
        assertThat(totalSkipped(reader)).isPositive();
    }

    @Test
    void randomPrintableText_neverThrowsAndKeepsTheTableSmall() throws IOException {
        Path file = dir.resolve("dhcpd.leases");
        Random random = new Random(42);
        String alphabet = "lease 10.0.0.1{};\"\\#\n binding state active free";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2_000_000; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        Files.writeString(file, text);
        LeaseFileReader reader = new LeaseFileReader(file);

        reader.poll();
        reader.poll();

        assertThat(reader.table().size()).isLessThanOrEqualTo(1);
        assertThat(reader.committedOffset()).isLessThanOrEqualTo(Files.size(file));
    }

    @Test
    void unterminatedBlockAtTheEnd_isReReadOnlyUpToTheStatementLimit() throws IOException {
        Path file = dir.resolve("dhcpd.leases");
        String good = lease("10.0.0.1", "active");
        Files.writeString(file, good + "lease 10.0.0.2 {\n  binding state active;\n");
        LeaseFileReader reader = new LeaseFileReader(file);
        reader.poll();
        append(file, "  uid \"" + "x".repeat(3 * LeaseFileReader.MAX_STATEMENT_BYTES) + "\n");

        LeasePoll grown = reader.poll();
        append(file, lease("10.0.0.3", "active"));
        LeasePoll after = reader.poll();

        assertThat(reader.skipped(LeaseSkipReason.OVERSIZE)).isEqualTo(1);
        assertThat(grown.bytesRead()).isGreaterThan(LeaseFileReader.MAX_STATEMENT_BYTES);
        assertThat(after.bytesRead())
                .as("the abandoned block is not read again")
                .isLessThan(LeaseFileReader.MAX_STATEMENT_BYTES);
        assertThat(reader.table().get(ipv4(10, 0, 0, 2))).isZero();
        assertThat(reader.table().get(ipv4(10, 0, 0, 3))).isEqualTo(ACTIVE);
    }

    @Test
    void extremelyLongLineAndDeeplyNestedBraces_skippedAndFollowingLeasesRead() throws IOException {
        Path file = dir.resolve("dhcpd.leases");
        Files.writeString(
                file,
                "lease 10.0.0.1 {\n  client-hostname "
                        + "a".repeat(1_000_000)
                        + ";\n  binding state active;\n}\n"
                        + "lease 10.0.0.2 {\n"
                        + "{".repeat(10_000)
                        + "\n"
                        + "}".repeat(10_000)
                        + "\n  binding state active;\n}\n"
                        + "lease 10.0.0.3 { on expiry { on release { set a = \"}\"; } } "
                        + "binding state active; }\n"
                        + lease("10.0.0.4", "active"));
        LeaseFileReader reader = new LeaseFileReader(file);

        reader.poll();

        assertThat(reader.table().get(ipv4(10, 0, 0, 1))).as("1 MB line").isZero();
        assertThat(reader.table().get(ipv4(10, 0, 0, 2))).as("too deep").isZero();
        assertThat(reader.table().get(ipv4(10, 0, 0, 3))).as("nested blocks").isEqualTo(ACTIVE);
        assertThat(reader.table().get(ipv4(10, 0, 0, 4))).isEqualTo(ACTIVE);
        assertThat(reader.skipped(LeaseSkipReason.OVERSIZE)).isEqualTo(1);
        assertThat(reader.skipped(LeaseSkipReason.MALFORMED)).isEqualTo(1);
    }

    @Test
    void binaryJunkInsideABlock_skipsThatBlockOnly() throws IOException {
        Path file = dir.resolve("dhcpd.leases");
        byte[] junk = {0, 1, 2, (byte) 0xff, 0x7f, 3};
        Files.writeString(file, "lease 10.0.0.1 {\n  binding state active; ");
        Files.write(file, junk, StandardOpenOption.APPEND);
        append(file, "\n}\n" + lease("10.0.0.2", "active"));
        LeaseFileReader reader = new LeaseFileReader(file);

        reader.poll();

        assertThat(reader.table().get(ipv4(10, 0, 0, 1))).isZero();
        assertThat(reader.table().get(ipv4(10, 0, 0, 2))).isEqualTo(ACTIVE);
        assertThat(reader.skipped(LeaseSkipReason.MALFORMED)).isEqualTo(1);
    }

    @Test
    void unterminatedQuote_endsAtTheLineAndSkipsOnlyItsBlock() throws IOException {
        Path file = dir.resolve("dhcpd.leases");
        Files.writeString(
                file,
                "lease 10.0.0.1 {\n  uid \"abc;\n  binding state active;\n}\n"
                        + lease("10.0.0.2", "active"));
        LeaseFileReader reader = new LeaseFileReader(file);

        reader.poll();

        assertThat(reader.table().get(ipv4(10, 0, 0, 1))).isZero();
        assertThat(reader.table().get(ipv4(10, 0, 0, 2))).isEqualTo(ACTIVE);
    }

    @Test
    void moreAddressesThanTheCap_tableStopsAtTheCapAndCountsTheRest() throws IOException {
        Path file = dir.resolve("dhcpd.leases");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            text.append(lease("10.0.1." + i, "active"));
        }
        text.append(lease("10.0.1.1", "free"));
        Files.writeString(file, text);
        LeaseFileReader reader = new LeaseFileReader(file, 10);

        reader.poll();

        assertThat(reader.table().size()).isEqualTo(10);
        assertThat(reader.skipped(LeaseSkipReason.CAPACITY)).isEqualTo(90);
        assertThat(reader.table().get(ipv4(10, 0, 1, 1)))
                .as("known address updated")
                .isEqualTo(FREE);
    }

    private static long totalSkipped(LeaseFileReader reader) {
        long sum = 0;
        for (LeaseSkipReason reason : LeaseSkipReason.values()) {
            sum += reader.skipped(reason);
        }
        return sum;
    }

    static String lease(String address, String state) {
        return "lease "
                + address
                + " {\n  starts 2 2026/12/01 07:01:00;\n  ends 2 2026/12/01 09:01:00;\n"
                + "  cltt 2 2026/12/01 07:01:00;\n  binding state "
                + state
                + ";\n  next binding state free;\n  hardware ethernet 02:00:5e:00:53:01;\n}\n";
    }

    private static void append(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    }
}
