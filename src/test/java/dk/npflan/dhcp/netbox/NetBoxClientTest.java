package dk.npflan.dhcp.netbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.time.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The NetBox client against {@link FakeNetBox}: paging, auth, retries and the all-or-nothing rule.
 */
class NetBoxClientTest {

    private static final String V1_TOKEN = "0123456789abcdef0123456789abcdef01234567";
    private static final String V2_TOKEN = "nbt_abcd1234.s3cr3tpart";
    private static final RetryPolicy FAST_RETRY =
            new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(2));

    private FakeNetBox fake;

    /** Every backoff the client asked for; nothing here sleeps for real. */
    private final List<Duration> slept = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    /** A client whose backoff waits end at once. */
    static NetBoxClient client(FakeNetBox fake, int pageSize) {
        return client(fake.baseUrl(), fake.token(), pageSize, Duration.ofSeconds(2), d -> {});
    }

    /** A client whose backoff waits are recorded in {@link #slept} instead of slept. */
    private NetBoxClient recordingClient(FakeNetBox fake, int pageSize) {
        return client(fake.baseUrl(), fake.token(), pageSize, Duration.ofSeconds(2), slept::add);
    }

    static NetBoxClient client(
            URI url, String token, int pageSize, Duration timeout, Sleeper sleeper) {
        return client(url, token, pageSize, 4, timeout, sleeper);
    }

    static NetBoxClient client(
            URI url,
            String token,
            int pageSize,
            int concurrentRequests,
            Duration timeout,
            Sleeper sleeper) {
        return new NetBoxClient(
                url,
                token,
                pageSize,
                concurrentRequests,
                timeout,
                timeout,
                FAST_RETRY,
                new ObjectMapper(),
                Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC),
                sleeper);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertUnavailable(
            NetBoxInventorySource source) {
        return assertThatThrownBy(source::load)
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e -> assertThat(e.problem()).isEqualTo(InventoryProblem.UNAVAILABLE));
    }

    private List<Prefix> listTagged(NetBoxClient client) throws InventoryException {
        return client.list(
                FakeNetBox.PREFIXES, List.of(new QueryParameter("tag", "dhcp")), Prefix.class);
    }

    @Test
    void threeFullPages_everyRowReadOnceByOffsetOnConfiguredHost() throws Exception {
        fake = FakeNetBox.start(V1_TOKEN, NetBoxObjects.taggedPrefixes(2500), List.of());

        List<Prefix> prefixes = listTagged(client(fake, 1000));

        assertThat(prefixes).hasSize(2500);
        assertThat(prefixes).extracting(Prefix::id).doesNotHaveDuplicates().isSorted();
        List<String> queries =
                fake.requests(FakeNetBox.PREFIXES).stream().map(FakeNetBox.Request::query).toList();
        assertThat(queries.get(0)).as("count first").isEqualTo("tag=dhcp&limit=1000&offset=0");
        assertThat(queries)
                .containsExactlyInAnyOrder(
                        "tag=dhcp&limit=1000&offset=0",
                        "tag=dhcp&limit=1000&offset=1000",
                        "tag=dhcp&limit=1000&offset=2000");
    }

    @Test
    void slowPages_readInParallelButNeverMoreThanTheLimit() throws Exception {
        fake = FakeNetBox.start(V1_TOKEN, NetBoxObjects.taggedPrefixes(50), List.of());
        fake.slow(FakeNetBox.PREFIXES, Duration.ofMillis(300), Integer.MAX_VALUE);
        NetBoxClient client =
                client(fake.baseUrl(), V1_TOKEN, 10, 2, Duration.ofSeconds(5), d -> {});

        assertThat(listTagged(client)).extracting(Prefix::id).hasSize(50).isSorted();
        assertThat(fake.requests(FakeNetBox.PREFIXES)).hasSize(5);
        assertThat(fake.maxInFlight()).isEqualTo(2);
    }

    @Test
    void oneRequestAtATime_pagesInOffsetOrderThenTheRangesThenTheAddresses() throws Exception {
        fake =
                FakeNetBox.start(
                        V1_TOKEN,
                        NetBoxObjects.taggedPrefixes(25),
                        List.of(NetBoxObjects.range(1), NetBoxObjects.range(2)));
        NetBoxClient client =
                client(fake.baseUrl(), V1_TOKEN, 10, 1, Duration.ofSeconds(5), d -> {});

        new NetBoxInventorySource(client, PrefixSelection.byTag("dhcp")).load();

        assertThat(fake.requests())
                .extracting(r -> r.path() + "?" + r.query())
                .containsExactly(
                        "/api/extras/tags/?slug=dhcp&limit=10&offset=0",
                        "/api/ipam/prefixes/?status=active&tag=dhcp&limit=10&offset=0",
                        "/api/ipam/prefixes/?status=active&tag=dhcp&limit=10&offset=10",
                        "/api/ipam/prefixes/?status=active&tag=dhcp&limit=10&offset=20",
                        "/api/ipam/ip-ranges/?status=active&limit=10&offset=0",
                        "/api/ipam/ip-addresses/?family=4&status=dhcp&status=reserved&limit=10&offset=0");
        assertThat(fake.maxInFlight()).isEqualTo(1);
    }

    @Test
    void nextPointsAtAnotherHost_clientStaysOnConfiguredBaseUrl() throws Exception {
        fake = FakeNetBox.start(V1_TOKEN, NetBoxObjects.taggedPrefixes(25), List.of());
        NetBoxClient client = client(fake, 10);

        var firstPage = client.get(FakeNetBox.PREFIXES, List.of(new QueryParameter("limit", "10")));
        assertThat(firstPage.path("next").asText()).startsWith(FakeNetBox.ADVERTISED_ORIGIN);

        assertThat(listTagged(client)).hasSize(25);
        assertThat(fake.requests(FakeNetBox.PREFIXES)).hasSize(4).allMatch(r -> r.status() == 200);
    }

    @Test
    void rowsShiftDuringPaging_listIsReadAgainAndHoldsNoDuplicates() throws Exception {
        fake = FakeNetBox.start(V1_TOKEN, NetBoxObjects.taggedPrefixes(30), List.of());
        // A prefix created at the front after page 1 shifts every row: page 2 repeats row 10.
        fake.afterFirstPage(
                () -> fake.objects(FakeNetBox.PREFIXES).add(0, NetBoxObjects.prefix(999, "dhcp")));

        List<Prefix> prefixes = listTagged(client(fake, 10));

        assertThat(prefixes).hasSize(31);
        assertThat(prefixes).extracting(Prefix::id).doesNotHaveDuplicates().contains(999L, 1L, 30L);
        assertThat(fake.requests(FakeNetBox.PREFIXES).size()).isGreaterThan(4);
    }

    @Test
    void rowsReplacedDuringPaging_sameCountButDuplicateId_readsAgain() throws Exception {
        fake = FakeNetBox.start(V1_TOKEN, NetBoxObjects.taggedPrefixes(20), List.of());
        // Count stays 20 but the new first row pushes row 10 onto page 2 again and row 20 is gone.
        fake.afterFirstPage(
                () -> {
                    var rows = fake.objects(FakeNetBox.PREFIXES);
                    rows.remove(rows.size() - 1);
                    rows.add(0, NetBoxObjects.prefix(500, "dhcp"));
                });

        List<Prefix> prefixes = listTagged(client(fake, 10));

        assertThat(prefixes)
                .extracting(Prefix::id)
                .hasSize(20)
                .doesNotHaveDuplicates()
                .contains(500L)
                .doesNotContain(20L);
    }

    @Test
    void v1Token_sentAsTokenHeader() throws Exception {
        fake = FakeNetBox.start(V1_TOKEN, NetBoxObjects.taggedPrefixes(3), List.of());
        listTagged(client(fake, 1000));
        assertThat(fake.requests())
                .extracting(FakeNetBox.Request::authorization)
                .containsOnly("Token " + V1_TOKEN);
    }

    @Test
    void v2Token_sentAsBearerHeader() throws Exception {
        fake = FakeNetBox.start(V2_TOKEN, NetBoxObjects.taggedPrefixes(3), List.of());
        assertThat(listTagged(client(fake, 1000))).hasSize(3);
        assertThat(fake.requests())
                .extracting(FakeNetBox.Request::authorization)
                .containsOnly("Bearer " + V2_TOKEN);
    }

    @Test
    void serverErrorTwiceOnPage2_retriedThenComplete() throws Exception {
        fake = FakeNetBox.start(V1_TOKEN, NetBoxObjects.taggedPrefixes(30), List.of());
        fake.failPage(FakeNetBox.PREFIXES, 2, 502, 2);

        assertThat(listTagged(recordingClient(fake, 10))).hasSize(30);
        assertThat(slept).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
        assertThat(fake.requests(FakeNetBox.PREFIXES))
                .filteredOn(r -> r.query().endsWith("offset=10"))
                .extracting(FakeNetBox.Request::status)
                .containsExactly(502, 502, 200);
        assertThat(fake.requests(FakeNetBox.PREFIXES)).hasSize(5);
    }

    @Test
    void rateLimited_waitsRetryAfterThenSucceeds() throws Exception {
        fake = FakeNetBox.start(V1_TOKEN, NetBoxObjects.taggedPrefixes(5), List.of());
        fake.rateLimit(FakeNetBox.PREFIXES, 30, 1);

        assertThat(listTagged(recordingClient(fake, 1000))).hasSize(5);

        assertThat(slept)
                .as("the hint, capped at max-retry-after")
                .containsExactly(Duration.ofSeconds(2));
        assertThat(fake.requests(FakeNetBox.PREFIXES))
                .extracting(FakeNetBox.Request::status)
                .containsExactly(429, 200);
    }

    @Test
    void slowResponse_timesOutThenRetried() throws Exception {
        fake = FakeNetBox.start(V1_TOKEN, NetBoxObjects.taggedPrefixes(5), List.of());
        fake.slow(FakeNetBox.PREFIXES, Duration.ofSeconds(3), 1);
        NetBoxClient client =
                client(fake.baseUrl(), V1_TOKEN, 1000, Duration.ofSeconds(1), slept::add);

        assertThat(listTagged(client)).hasSize(5);
        // The slow answer is recorded once the fake finishes sleeping; the timed-out attempt was
        // real.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(fake.requests(FakeNetBox.PREFIXES)).hasSize(2));
    }

    @Test
    void rateLimitedWithinTheCap_waitsExactlyTheHint() throws Exception {
        fake = FakeNetBox.start(V1_TOKEN, NetBoxObjects.taggedPrefixes(5), List.of());
        fake.rateLimit(FakeNetBox.PREFIXES, 1, 2);

        assertThat(listTagged(recordingClient(fake, 1000))).hasSize(5);

        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(fake.requests(FakeNetBox.PREFIXES))
                .extracting(FakeNetBox.Request::status)
                .containsExactly(429, 429, 200);
    }

    @Test
    void page3Of5KeepsFailing_noInventoryAndClearError() throws Exception {
        fake = FakeNetBox.start(V1_TOKEN, NetBoxObjects.taggedPrefixes(50), List.of());
        fake.failPageAlways(FakeNetBox.PREFIXES, 3, 500);
        NetBoxInventorySource source =
                new NetBoxInventorySource(recordingClient(fake, 10), PrefixSelection.byTag("dhcp"));

        assertUnavailable(source)
                .hasMessageContaining("offset=20")
                .hasMessageContaining("failed after 4 attempts, last: HTTP 500")
                .hasMessageContaining("no snapshot");
        assertThat(slept)
                .containsExactly(
                        Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40));
        assertThat(fake.requests(FakeNetBox.PREFIXES))
                .filteredOn(r -> !r.query().endsWith("offset=20"))
                .as("every other page once: only the failing one is retried")
                .hasSize(4)
                .allMatch(r -> r.status() == 200);
    }

    @Test
    void page3Of5KeepsFailing_oneRequestAtATime_stopsThereAndReadsNoRanges() {
        fake = FakeNetBox.start(V1_TOKEN, NetBoxObjects.taggedPrefixes(50), List.of());
        fake.failPageAlways(FakeNetBox.PREFIXES, 3, 500);
        NetBoxClient client =
                client(fake.baseUrl(), V1_TOKEN, 10, 1, Duration.ofSeconds(2), slept::add);
        NetBoxInventorySource source =
                new NetBoxInventorySource(client, PrefixSelection.byTag("dhcp"));

        assertThatThrownBy(source::load)
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("offset=20")
                .hasMessageContaining("failed after 4 attempts, last: HTTP 500");
        assertThat(fake.requests(FakeNetBox.PREFIXES))
                .noneMatch(r -> r.query().contains("offset=30"));
        assertThat(fake.requests(FakeNetBox.IP_RANGES)).isEmpty();
    }

    @Test
    void rangesKeepFailing_prefixesFine_snapshotFailsNamingTheRanges() {
        fake =
                FakeNetBox.start(
                        V1_TOKEN,
                        NetBoxObjects.taggedPrefixes(30),
                        List.of(NetBoxObjects.range(1)));
        fake.failPageAlways(FakeNetBox.IP_RANGES, 1, 503);
        NetBoxInventorySource source =
                new NetBoxInventorySource(recordingClient(fake, 10), PrefixSelection.byTag("dhcp"));

        assertUnavailable(source)
                .hasMessageContaining(FakeNetBox.IP_RANGES)
                .hasMessageContaining("last: HTTP 503");
    }

    @Test
    void wrongToken_401ErrorNamesTokenProblemWithoutToken() {
        fake = FakeNetBox.start(V1_TOKEN, NetBoxObjects.taggedPrefixes(3), List.of());
        NetBoxClient client = client(fake, 1000);
        fake.expectToken("another-token-than-the-one-we-send-000000");

        assertThatThrownBy(() -> listTagged(client))
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e -> assertThat(e.problem()).isEqualTo(InventoryProblem.UNAUTHORIZED))
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("NETBOX_TOKEN")
                .hasMessageNotContaining(V1_TOKEN);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void tokenWithoutPermission_403ErrorNamesPermission() {
        fake = FakeNetBox.start(V2_TOKEN, NetBoxObjects.taggedPrefixes(3), List.of());
        fake.forbidAll();

        assertThatThrownBy(() -> listTagged(client(fake, 1000)))
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e -> assertThat(e.problem()).isEqualTo(InventoryProblem.FORBIDDEN))
                .hasMessageContaining("view permission")
                .hasMessageNotContaining("s3cr3tpart");
    }

    @Test
    void nothingListening_unavailableAfterRetries() {
        NetBoxClient client =
                client(
                        URI.create("http://127.0.0.1:9"),
                        V1_TOKEN,
                        1000,
                        Duration.ofSeconds(1),
                        slept::add);

        assertThatThrownBy(() -> listTagged(client))
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e -> assertThat(e.problem()).isEqualTo(InventoryProblem.UNAVAILABLE))
                .hasMessageContaining("127.0.0.1:9")
                .hasMessageContaining("4 attempts");
    }

    @Test
    void baseUrlWithoutTrailingSlashPath_redirectIsReportedNotFollowed() {
        fake = FakeNetBox.start(V1_TOKEN, NetBoxObjects.taggedPrefixes(3), List.of());

        assertThatThrownBy(() -> client(fake, 1000).get("/api/ipam/prefixes", List.of()))
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e -> assertThat(e.problem()).isEqualTo(InventoryProblem.BAD_RESPONSE))
                .hasMessageContaining("redirected")
                .hasMessageContaining("NETBOX_URL");
    }
}
