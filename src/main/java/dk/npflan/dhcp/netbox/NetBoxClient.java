package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.time.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * Reads lists from the NetBox REST API with the JDK {@link HttpClient}. A plain adapter rather than
 * a Quarkus REST client because {@code bin/netbox-dhcpd render} runs without CDI and must start
 * fast; the service wraps the same class. Every page is requested by offset against the configured
 * base URL (never the host in {@code next}, which a proxy may have rewritten), a list is complete
 * only when the unique ids equal a stable {@code count}, and any page that still fails after the
 * retries fails the whole list. Once the first page gave the {@code count}, the other pages are
 * read in parallel; at most {@code concurrentRequests} requests of this client are in flight at
 * once, so a large NetBox costs a few round trips instead of one per page without a burst of
 * requests against it. The token only ever goes into the {@code Authorization} header.
 */
public final class NetBoxClient {

    private static final Logger LOG = Logger.getLogger(NetBoxClient.class);
    private static final int SNAPSHOT_ATTEMPTS = 3;
    private static final int MAX_ERROR_BODY = 300;

    private final URI baseUrl;
    private final String authorization;
    private final int pageSize;
    private final int concurrentRequests;
    private final Semaphore inFlight;
    private final Duration readTimeout;
    private final RetryPolicy retry;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param concurrentRequests requests in flight at once (1: every page after the other)
     * @param clock reads the time a {@code Retry-After} date is counted from
     * @param sleeper waits the backoff between attempts
     */
    public NetBoxClient(
            URI baseUrl,
            String token,
            int pageSize,
            int concurrentRequests,
            Duration connectTimeout,
            Duration readTimeout,
            RetryPolicy retry,
            ObjectMapper json,
            Clock clock,
            Sleeper sleeper) {
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.authorization = authorizationHeader(token);
        this.pageSize = pageSize;
        this.concurrentRequests = Math.max(1, concurrentRequests);
        this.inFlight = new Semaphore(this.concurrentRequests);
        this.readTimeout = readTimeout;
        this.retry = retry;
        this.json = json;
        this.clock = clock;
        this.sleeper = sleeper;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(connectTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /** Builds a client from settings; a missing URL or token is a configuration error. */
    public static NetBoxClient from(NetBoxSettings settings, ObjectMapper json)
            throws InventoryException {
        URI url =
                settings.url()
                        .orElseThrow(
                                () ->
                                        new InventoryException(
                                                InventoryProblem.MISCONFIGURED,
                                                "NetBox URL not set: set NETBOX_URL (netbox-dhcpd.netbox.url)"));
        if (url.getScheme() == null || url.getHost() == null) {
            throw new InventoryException(
                    InventoryProblem.MISCONFIGURED,
                    "NetBox URL must be absolute, like https://netbox.example.org: " + url);
        }
        String token =
                settings.token()
                        .filter(t -> !t.isBlank())
                        .orElseThrow(
                                () ->
                                        new InventoryException(
                                                InventoryProblem.MISCONFIGURED,
                                                "NetBox token not set: set NETBOX_TOKEN (netbox-dhcpd.netbox.token)"));
        return new NetBoxClient(
                url,
                token,
                settings.pageSize(),
                settings.concurrentRequests(),
                settings.connectTimeout(),
                settings.readTimeout(),
                RetryPolicy.from(settings.retry()),
                json,
                Clock.systemUTC(),
                Sleeper.THREAD);
    }

    /** {@code Bearer} for v2 tokens ({@code nbt_…}), {@code Token} for v1. */
    static String authorizationHeader(String token) {
        String t = token.strip();
        return (t.startsWith("nbt_") ? "Bearer " : "Token ") + t;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** Requests in flight at once; also how many lists a snapshot reads side by side. */
    public int concurrentRequests() {
        return concurrentRequests;
    }

    /**
     * Every row of a list endpoint such as {@code /api/ipam/prefixes/}, all pages, de-duplicated by
     * id. When the rows shift during paging the whole list is read again, a few times at most.
     */
    public <T> List<T> list(String path, List<QueryParameter> filters, Class<T> type)
            throws InventoryException {
        String lastSeen = "";
        for (int attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt++) {
            Optional<List<JsonNode>> rows = readAllPages(path, filters);
            if (rows.isPresent()) {
                return convert(path, rows.get(), type);
            }
            lastSeen = "rows changed while paging";
            LOG.infof(
                    "NetBox %s: rows changed while paging, reading again (%d/%d)",
                    path, attempt, SNAPSHOT_ATTEMPTS);
        }
        throw new InventoryException(
                InventoryProblem.INCONSISTENT,
                "NetBox "
                        + path
                        + ": "
                        + lastSeen
                        + " on "
                        + SNAPSHOT_ATTEMPTS
                        + " attempts; no consistent snapshot");
    }

    /**
     * The rows, or empty when {@code count} changed or ids did not add up to {@code count}. The
     * first page gives {@code count} and the page length the server really applies (NetBox caps
     * {@code limit} at its {@code MAX_PAGE_SIZE}); the other offsets follow from them.
     */
    private Optional<List<JsonNode>> readAllPages(String path, List<QueryParameter> filters)
            throws InventoryException {
        JsonNode first = page(path, filters, 0);
        long count = count(path, first);
        int step = results(path, first).size();
        List<ParallelReads.Read<JsonNode>> rest = new ArrayList<>();
        for (long offset = step; step > 0 && offset < count; offset += step) {
            long at = offset;
            rest.add(() -> page(path, filters, at));
        }
        List<JsonNode> pages = new ArrayList<>();
        pages.add(first);
        pages.addAll(ParallelReads.all(rest, concurrentRequests, "netbox-page"));
        Map<Long, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode page : pages) {
            if (count(path, page) != count) {
                return Optional.empty();
            }
            for (JsonNode row : results(path, page)) {
                JsonNode id = row.get("id");
                if (id == null || !id.canConvertToLong()) {
                    throw badResponse(path, "row without id");
                }
                byId.put(id.longValue(), row);
            }
        }
        return byId.size() == count
                ? Optional.of(new ArrayList<>(byId.values()))
                : Optional.empty();
    }

    private JsonNode page(String path, List<QueryParameter> filters, long offset)
            throws InventoryException {
        List<QueryParameter> query = new ArrayList<>(filters);
        query.add(new QueryParameter("limit", String.valueOf(pageSize)));
        query.add(new QueryParameter("offset", String.valueOf(offset)));
        return get(path, query);
    }

    private long count(String path, JsonNode page) throws InventoryException {
        JsonNode count = page.get("count");
        if (count == null || !count.canConvertToLong() || !page.path("results").isArray()) {
            throw badResponse(path, "not a NetBox list (no count/results)");
        }
        return count.longValue();
    }

    private JsonNode results(String path, JsonNode page) throws InventoryException {
        count(path, page);
        return page.get("results");
    }

    private <T> List<T> convert(String path, List<JsonNode> rows, Class<T> type)
            throws InventoryException {
        List<T> out = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            try {
                out.add(json.treeToValue(row, type));
            } catch (JsonProcessingException e) {
                throw badResponse(
                        path,
                        "row "
                                + row.path("id").asText("?")
                                + " is not a "
                                + type.getSimpleName()
                                + ": "
                                + e.getOriginalMessage());
            }
        }
        return out;
    }

    /** One GET, retried on connect errors, timeouts, 429 and 5xx; returns the parsed JSON body. */
    public JsonNode get(String path, List<QueryParameter> query) throws InventoryException {
        String q = QueryParameter.encode(query);
        URI uri = URI.create(baseUrl + path + (q.isEmpty() ? "" : "?" + q));
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(readTimeout)
                        .header("Authorization", authorization)
                        .header("Accept", "application/json")
                        .GET()
                        .build();
        String lastSeen = "";
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            Duration wait = retry.backoff(attempt);
            try {
                HttpResponse<byte[]> response = send(request);
                int status = response.statusCode();
                if (status == 200) {
                    return parse(uri, response.body());
                }
                lastSeen = "HTTP " + status;
                if (status == 429) {
                    wait = retryAfter(response).map(retry::retryAfter).orElse(wait);
                } else if (status < 500) {
                    throw failure(uri, response);
                }
            } catch (HttpTimeoutException e) {
                lastSeen = "timeout (" + e.getMessage() + ")";
            } catch (IOException e) {
                lastSeen =
                        e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InventoryException(
                        InventoryProblem.UNAVAILABLE, "interrupted while reading " + uri);
            }
            if (attempt < retry.maxAttempts()) {
                // one line per request that needs retries; the further attempts only at DEBUG,
                // and the final failure is the exception the caller reports
                Logger.Level level = attempt == 1 ? Logger.Level.INFO : Logger.Level.DEBUG;
                LOG.logf(
                        level,
                        "NetBox %s: %s, retrying in %d ms (attempt %d/%d)",
                        uri,
                        lastSeen,
                        wait.toMillis(),
                        attempt,
                        retry.maxAttempts());
                pause(wait, uri);
            }
        }
        throw new InventoryException(
                InventoryProblem.UNAVAILABLE,
                "NetBox "
                        + uri
                        + " failed after "
                        + retry.maxAttempts()
                        + " attempts, last: "
                        + lastSeen
                        + "; no snapshot taken");
    }

    /** One exchange, waiting for a free slot when {@code concurrentRequests} are in flight. */
    private HttpResponse<byte[]> send(HttpRequest request)
            throws IOException, InterruptedException {
        inFlight.acquire();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } finally {
            inFlight.release();
        }
    }

    private JsonNode parse(URI uri, byte[] body) throws InventoryException {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new InventoryException(
                    InventoryProblem.BAD_RESPONSE,
                    "NetBox " + uri + " did not answer JSON: " + snippet(body));
        }
    }

    private InventoryException failure(URI uri, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        return switch (status) {
            case 401 ->
                    new InventoryException(
                            InventoryProblem.UNAUTHORIZED,
                            "NetBox rejected the API token (HTTP 401"
                                    + " at "
                                    + uri
                                    + "): the token in NETBOX_TOKEN is missing, wrong, expired or not allowed from this"
                                    + " address; v2 tokens must start with nbt_. Server said: "
                                    + snippet(response.body()));
            case 403 ->
                    new InventoryException(
                            InventoryProblem.FORBIDDEN,
                            "NetBox refused access (HTTP 403 at "
                                    + uri
                                    + "): the token in NETBOX_TOKEN lacks view permission on this object type."
                                    + " Server said: "
                                    + snippet(response.body()));
            case 301, 302, 303, 307, 308 ->
                    new InventoryException(
                            InventoryProblem.BAD_RESPONSE,
                            "NetBox redirected "
                                    + uri
                                    + " to "
                                    + response.headers().firstValue("Location").orElse("?")
                                    + ": check NETBOX_URL (scheme, host, path prefix)");
            default ->
                    new InventoryException(
                            InventoryProblem.BAD_RESPONSE,
                            "NetBox answered HTTP "
                                    + status
                                    + " for "
                                    + uri
                                    + ": "
                                    + snippet(response.body()));
        };
    }

    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .flatMap(
                        value -> {
                            String v = value.strip();
                            if (v.chars().allMatch(Character::isDigit) && !v.isEmpty()) {
                                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
                            }
                            try {
                                Duration d =
                                        Duration.between(
                                                clock.instant(),
                                                ZonedDateTime.parse(
                                                                v,
                                                                DateTimeFormatter
                                                                        .RFC_1123_DATE_TIME)
                                                        .toInstant());
                                return Optional.of(d.isNegative() ? Duration.ZERO : d);
                            } catch (DateTimeParseException e) {
                                return Optional.empty();
                            }
                        });
    }

    private void pause(Duration wait, URI uri) throws InventoryException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InventoryException(
                    InventoryProblem.UNAVAILABLE, "interrupted while waiting to retry " + uri);
        }
    }

    private InventoryException badResponse(String path, String what) {
        return new InventoryException(
                InventoryProblem.BAD_RESPONSE, "NetBox " + baseUrl + path + ": " + what);
    }

    /**
     * First bytes of a body as one printable line, for error messages; a reflected token is
     * blanked.
     */
    private String snippet(byte[] body) {
        String s =
                new String(body, 0, Math.min(body.length, MAX_ERROR_BODY), StandardCharsets.UTF_8)
                        .replaceAll("[\\p{Cntrl}]", " ")
                        .strip();
        String secret = authorization.substring(authorization.indexOf(' ') + 1);
        s = s.replace(secret, "***");
        return s.isEmpty() ? "(empty body)" : s;
    }
}
