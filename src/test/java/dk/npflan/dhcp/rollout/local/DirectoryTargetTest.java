package dk.npflan.dhcp.rollout.local;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.HeldBundle;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.PublishedBundle;
import dk.npflan.dhcp.rollout.RolloutControl;
import dk.npflan.dhcp.rollout.RolloutPause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTargetTest {

    @TempDir Path dir;

    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

    private DirectoryTarget target(int historySize) {
        return new DirectoryTarget(
                List.of(dir.resolve("primary"), dir.resolve("secondary")),
                dir.resolve("state"),
                Map.of(),
                historySize,
                BundleFiles.NAMES);
    }

    private static RenderedConfig bundle(String marker) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(RenderedConfig.CONFIG, "# " + marker + "\n" + "x".repeat(20_000) + "\n");
        files.put(PeerRole.PRIMARY.fileName(), "# primary " + marker + "\n");
        files.put(PeerRole.SECONDARY.fileName(), "# secondary " + marker + "\n");
        return RenderedConfig.of(files);
    }

    private static PublishMetadata metadata(int second, String... ids) {
        return new PublishMetadata(AT.plusSeconds(second), List.of(ids));
    }

    @Test
    void rolloutControl_writtenThroughOneTarget_isReadByAnotherOverTheSameStateDir() {
        HeldBundle held =
                new HeldBundle("abc", HeldBundle.Cause.HALTED, "halt", AT, 2, AT.plusSeconds(60));
        target(3)
                .control()
                .update(
                        c ->
                                c.withHeld(Optional.of(held))
                                        .withPause(Optional.of(new RolloutPause(AT, "freeze"))));

        RolloutControl seen = target(3).control().read();

        assertThat(seen.held()).contains(held);
        assertThat(seen.pause()).contains(new RolloutPause(AT, "freeze"));
        target(3).control().update(c -> RolloutControl.NONE);
        assertThat(target(3).control().read()).isEqualTo(RolloutControl.NONE);
    }

    @Test
    void nothingPublished_publishedAndLastGoodAreEmpty() {
        DirectoryTarget target = target(3);

        assertThat(target.published()).isEmpty();
        assertThat(target.lastGood()).isEmpty();
    }

    @Test
    void publish_everyConfigDirHoldsTheBundle_andMetadataRoundTrips() {
        DirectoryTarget target = target(3);
        RenderedConfig bundle = bundle("one");

        PublishedBundle published = target.publish(bundle, metadata(5, "req-1", "req-2"));

        assertThat(BundleFiles.read(dir.resolve("primary"))).contains(bundle);
        assertThat(BundleFiles.read(dir.resolve("secondary"))).contains(bundle);
        assertThat(published.hash()).isEqualTo(bundle.sha256());
        PublishedBundle read = target(3).published().orElseThrow();
        assertThat(read.bundle()).isEqualTo(bundle);
        assertThat(read.generatedAt()).isEqualTo(AT.plusSeconds(5));
        assertThat(read.netboxRequestIds()).containsExactly("req-1", "req-2");
    }

    @Test
    void republish_swapsTheDataLink_keepsOnlyTheCurrentAndPreviousVersion() throws IOException {
        DirectoryTarget target = target(3);
        target.publish(bundle("one"), metadata(1));
        target.publish(bundle("two"), metadata(2));
        target.publish(bundle("three"), metadata(3));

        Path primary = dir.resolve("primary");
        assertThat(Files.isSymbolicLink(primary.resolve("..data"))).isTrue();
        assertThat(Files.isSymbolicLink(primary.resolve(RenderedConfig.CONFIG))).isTrue();
        assertThat(BundleFiles.read(primary)).contains(bundle("three"));
        try (Stream<Path> entries = Files.list(primary)) {
            assertThat(entries.filter(p -> p.getFileName().toString().startsWith("..v")))
                    .hasSize(2);
        }
    }

    @Test
    void readerDuringManySwaps_seesTheOldOrTheNewBundle_neverAMix() throws Exception {
        DirectoryTarget target = target(2);
        RenderedConfig a = bundle("a");
        RenderedConfig b = bundle("b");
        target.publish(a, metadata(0));
        Path primary = dir.resolve("primary");
        AtomicBoolean publishing = new AtomicBoolean(true);
        List<String> seen = new ArrayList<>();
        Thread reader =
                new Thread(
                        () -> {
                            while (publishing.get()) {
                                seen.add(
                                        BundleFiles.read(primary)
                                                .map(RenderedConfig::sha256)
                                                .orElse("nothing"));
                            }
                        });
        reader.start();
        for (int i = 1; i <= 300; i++) {
            target.publish(i % 2 == 0 ? a : b, metadata(i));
        }
        publishing.set(false);
        reader.join();

        // "nothing" only when one read spans two swaps (300 back to back here, seconds apart in
        // use)
        assertThat(seen).contains(a.sha256(), b.sha256());
        assertThat(Set.copyOf(seen)).isSubsetOf(a.sha256(), b.sha256(), "nothing");
    }

    @Test
    void readerThatResolvedTheLinkBeforeASwap_stillReadsTheWholeOldBundle() throws IOException {
        DirectoryTarget target = target(2);
        RenderedConfig old = bundle("old");
        target.publish(old, metadata(0));
        Path resolved = dir.resolve("primary/..data").toRealPath();

        target.publish(bundle("new"), metadata(1));

        assertThat(BundleFiles.read(resolved)).contains(old);
        assertThat(BundleFiles.read(dir.resolve("primary"))).contains(bundle("new"));
    }

    @Test
    void historyPrunedToSize_keepsTheLastGoodBundleBeyondIt() throws IOException {
        DirectoryTarget target = target(2);
        PublishedBundle good = target.publish(bundle("good"), metadata(1, "req-good"));
        target.recordLastGood(good);
        for (int i = 2; i <= 5; i++) {
            target.publish(bundle("later " + i), metadata(i));
        }

        try (Stream<Path> entries = Files.list(dir.resolve("state/history"))) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            good.hash(), bundle("later 5").sha256(), bundle("later 4").sha256());
        }
        PublishedBundle lastGood = target(2).lastGood().orElseThrow();
        assertThat(lastGood.bundle()).isEqualTo(good.bundle());
        assertThat(lastGood.generatedAt()).isEqualTo(AT.plusSeconds(1));
        assertThat(lastGood.netboxRequestIds()).containsExactly("req-good");
    }

    @Test
    void twoPublishersOnOneStateDir_areSerialised_metadataAlwaysMatchesTheBundle()
            throws Exception {
        DirectoryTarget first = target(3);
        DirectoryTarget second = target(3);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Map<String, Instant> generatedAt = new ConcurrentHashMap<>();
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            DirectoryTarget publisher = n % 2 == 0 ? first : second;
            runs.add(
                    pool.submit(
                            () -> {
                                RenderedConfig bundle = bundle("writer " + n);
                                generatedAt.put(bundle.sha256(), AT.plusSeconds(n));
                                PublishedBundle published =
                                        publisher.publish(bundle, metadata(n, "req-" + n));
                                publisher.recordLastGood(published);
                                return null;
                            }));
        }
        for (Future<?> run : runs) {
            run.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        PublishedBundle published = first.published().orElseThrow();
        assertThat(published.generatedAt()).isEqualTo(generatedAt.get(published.hash()));
        assertThat(BundleFiles.read(dir.resolve("secondary")).map(RenderedConfig::sha256))
                .isEqualTo(Optional.of(published.hash()));
        PublishedBundle lastGood = second.lastGood().orElseThrow();
        assertThat(lastGood.generatedAt()).isEqualTo(generatedAt.get(lastGood.hash()));
        try (Stream<Path> entries = Files.list(dir.resolve("state/history"))) {
            assertThat(entries.filter(p -> !p.getFileName().toString().startsWith(".")))
                    .hasSizeLessThanOrEqualTo(4);
        }
    }
}
