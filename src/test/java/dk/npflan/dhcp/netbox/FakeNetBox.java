package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real HTTP server on loopback that answers like NetBox's REST API from fixture objects, for
 * tests of everything that reads NetBox. It serves prefixes, IP ranges, tags, custom fields and
 * status, and for host reservations IP addresses, interfaces and MAC objects, in NetBox's shapes
 * ({@code count/next/previous/results}, limit/offset with the 1000 cap, {@code next} as an absolute
 * URL on a <em>different</em> host, 302 without trailing slash), applies the filters we use and
 * ignores unknown ones like NetBox does, checks the Authorization header, and on demand fails:
 * 401/403, 500 on page N (a number of times or always), 429 with Retry-After, slow responses, rows
 * that shift between pages.
 */
public final class FakeNetBox implements AutoCloseable {

    public static final String PREFIXES = "/api/ipam/prefixes/";
    public static final String IP_RANGES = "/api/ipam/ip-ranges/";
    public static final String IP_ADDRESSES = "/api/ipam/ip-addresses/";
    public static final String INTERFACES = "/api/dcim/interfaces/";
    public static final String MAC_ADDRESSES = "/api/dcim/mac-addresses/";
    public static final String TAGS = "/api/extras/tags/";
    public static final String CUSTOM_FIELDS = "/api/extras/custom-fields/";
    public static final String STATUS = "/api/status/";

    /**
     * The host NetBox puts into {@code next}, as a proxy in front of it would; clients must ignore
     * it.
     */
    public static final String ADVERTISED_ORIGIN = "http://netbox-internal.invalid:8000";

    public static final int MAX_PAGE_SIZE = 1000;
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Status recorded when the client hung up before the answer could be written (e.g. its
     * timeout).
     */
    public static final int CLIENT_GONE = -1;

    /** One HTTP request as the fake saw it. */
    public record Request(String path, String query, String authorization, int status) {}

    private record Fault(
            String path, int page, int status, int retryAfterSeconds, Duration delay, int[] left) {}

    private final Map<String, List<ObjectNode>> objects = new LinkedHashMap<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /**
     * Handlers that have started but not yet recorded their request (a client may already hold the
     * answer).
     */
    private int inFlight;

    /** The most requests that were ever being handled at once. */
    private int maxInFlight;

    private final Set<String> ignoredParameters = ConcurrentHashMap.newKeySet();
    private volatile String token;
    private volatile Runnable afterFirstPage = () -> {};
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    private FakeNetBox(String token, List<ObjectNode> prefixes, List<ObjectNode> ranges) {
        this(token, prefixes, ranges, List.of(), List.of(), List.of());
    }

    private FakeNetBox(
            String token,
            List<ObjectNode> prefixes,
            List<ObjectNode> ranges,
            List<ObjectNode> addresses,
            List<ObjectNode> interfaces,
            List<ObjectNode> macs) {
        this.token = token;
        objects.put(PREFIXES, new CopyOnWriteArrayList<>(prefixes));
        objects.put(IP_RANGES, new CopyOnWriteArrayList<>(ranges));
        objects.put(IP_ADDRESSES, new CopyOnWriteArrayList<>(addresses));
        objects.put(INTERFACES, new CopyOnWriteArrayList<>(interfaces));
        objects.put(MAC_ADDRESSES, new CopyOnWriteArrayList<>(macs));
        objects.put(TAGS, new CopyOnWriteArrayList<>(derivedTags()));
        objects.put(CUSTOM_FIELDS, new CopyOnWriteArrayList<>(derivedCustomFields()));
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts a fake with the given objects (NetBox REST shape); tags and custom fields are derived
     * from them.
     */
    public static FakeNetBox start(
            String token, List<ObjectNode> prefixes, List<ObjectNode> ranges) {
        return new FakeNetBox(token, prefixes, ranges);
    }

    /** The same with IP addresses and interfaces for host reservations. */
    public static FakeNetBox start(
            String token,
            List<ObjectNode> prefixes,
            List<ObjectNode> ranges,
            List<ObjectNode> addresses,
            List<ObjectNode> interfaces) {
        return new FakeNetBox(token, prefixes, ranges, addresses, interfaces, List.of());
    }

    /**
     * Starts a fake from an inventory fixture on the test classpath ({@code
     * {"prefixes":[…],"ip_ranges":[…]}}).
     */
    public static FakeNetBox fromResource(String token, String resource) {
        try (InputStream in = FakeNetBox.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            JsonNode root = JSON.readTree(in);
            return new FakeNetBox(
                    token,
                    objectsOf(root.path("prefixes")),
                    objectsOf(root.path("ip_ranges")),
                    objectsOf(root.path("ip_addresses")),
                    objectsOf(root.path("interfaces")),
                    objectsOf(root.path("mac_addresses")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ObjectNode> objectsOf(JsonNode array) {
        List<ObjectNode> out = new ArrayList<>();
        array.forEach(n -> out.add((ObjectNode) n.deepCopy()));
        return out;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String token() {
        return token;
    }

    /** Every request so far, in order. */
    public List<Request> requests() {
        awaitRecorded();
        return List.copyOf(requests);
    }

    /** Requests for one path. */
    public List<Request> requests(String path) {
        awaitRecorded();
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /**
     * A request is recorded after its response is sent (the record holds the status), so a client
     * can see the answer first; wait, bounded, until every started handler has recorded its
     * request.
     */
    private synchronized void awaitRecorded() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (inFlight > 0 && System.nanoTime() < deadline) {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The most requests that were being answered at the same time, so far. */
    public synchronized int maxInFlight() {
        return maxInFlight;
    }

    /** The live objects of an endpoint; tests may add, change or remove rows. */
    public List<ObjectNode> objects(String path) {
        return objects.get(path);
    }

    /**
     * Answers {@code status} for page {@code page} (1-based; 0 = every page) of {@code path},
     * {@code times} times.
     */
    public FakeNetBox failPage(String path, int page, int status, int times) {
        faults.add(new Fault(path, page, status, 0, Duration.ZERO, new int[] {times}));
        return this;
    }

    /** Same as {@link #failPage} for ever. */
    public FakeNetBox failPageAlways(String path, int page, int status) {
        return failPage(path, page, status, Integer.MAX_VALUE);
    }

    /** Answers 429 with {@code Retry-After: seconds} {@code times} times. */
    public FakeNetBox rateLimit(String path, int retryAfterSeconds, int times) {
        faults.add(new Fault(path, 0, 429, retryAfterSeconds, Duration.ZERO, new int[] {times}));
        return this;
    }

    /** Delays {@code times} responses of {@code path} (any page) by {@code delay}. */
    public FakeNetBox slow(String path, Duration delay, int times) {
        faults.add(new Fault(path, 0, 200, 0, delay, new int[] {times}));
        return this;
    }

    /** Ends every injected fault: the fake answers normally again (NetBox recovered). */
    public FakeNetBox clearFaults() {
        faults.clear();
        return this;
    }

    /** Answers 403 to everything: a valid token without view permission. */
    public FakeNetBox forbidAll() {
        return failPageAlways("*", 0, 403);
    }

    /** Replaces the expected token; requests with any other header get 401. */
    public FakeNetBox expectToken(String newToken) {
        this.token = newToken;
        return this;
    }

    /** Makes the fake ignore a query parameter, like a NetBox version that does not know it. */
    public FakeNetBox ignoreParameter(String name) {
        ignoredParameters.add(name);
        return this;
    }

    /**
     * Runs once, right after the first page of any list has been served: to shift rows mid-paging.
     */
    public FakeNetBox afterFirstPage(Runnable action) {
        this.afterFirstPage = action;
        return this;
    }

    /** Removes a tag definition (the objects keep it), e.g. to simulate a deleted selection tag. */
    public FakeNetBox removeTag(String slug) {
        objects.get(TAGS).removeIf(t -> slug.equals(t.path("slug").asText()));
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        int status = CLIENT_GONE;
        synchronized (this) {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
        }
        try {
            status = respond(exchange, path, query == null ? "" : query, auth);
        } catch (RuntimeException e) {
            status = 500;
            send(exchange, 500, JSON.createObjectNode().put("error", String.valueOf(e)));
        } finally {
            requests.add(new Request(path, query, auth, status));
            synchronized (this) {
                inFlight--;
                notifyAll();
            }
        }
    }

    private int respond(HttpExchange exchange, String path, String query, String auth)
            throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            return send(
                    exchange, 405, JSON.createObjectNode().put("detail", "Method not allowed."));
        }
        if (!path.endsWith("/")) {
            exchange.getResponseHeaders()
                    .add("Location", path + "/" + (query.isEmpty() ? "" : "?" + query));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return 302;
        }
        String expected = (token.startsWith("nbt_") ? "Bearer " : "Token ") + token;
        if (!expected.equals(auth)) {
            return send(exchange, 401, JSON.createObjectNode().put("detail", "Invalid v1 token"));
        }
        Map<String, List<String>> params = parse(query);
        int limit = limit(params);
        int offset = intParam(params, "offset", 0);
        int page = limit == 0 ? 1 : offset / limit + 1;
        Fault fault = takeFault(path, page);
        if (fault != null) {
            sleep(fault.delay());
            if (fault.status() != 200) {
                if (fault.retryAfterSeconds() > 0) {
                    exchange.getResponseHeaders()
                            .add("Retry-After", String.valueOf(fault.retryAfterSeconds()));
                }
                return send(
                        exchange,
                        fault.status(),
                        JSON.createObjectNode().put("detail", "fault injected"));
            }
        }
        if (STATUS.equals(path)) {
            return send(exchange, 200, JSON.createObjectNode().put("netbox-version", "4.6.8"));
        }
        List<ObjectNode> rows = objects.get(path);
        if (rows == null) {
            return send(exchange, 404, JSON.createObjectNode().put("detail", "Not found."));
        }
        List<ObjectNode> matching;
        try {
            matching = rows.stream().filter(filter(path, params)).toList();
        } catch (UnknownChoiceException e) {
            return send(
                    exchange,
                    400,
                    JSON.createObjectNode()
                            .set(
                                    e.parameter,
                                    JSON.createArrayNode()
                                            .add(
                                                    "Select a valid choice. "
                                                            + e.value
                                                            + " is not one of the available choices.")));
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("count", matching.size());
        int end = Math.min(matching.size(), offset + limit);
        body.put("next", end < matching.size() ? link(path, params, limit, end) : null);
        body.put(
                "previous",
                offset > 0 ? link(path, params, limit, Math.max(0, offset - limit)) : null);
        ArrayNode results = body.putArray("results");
        matching.subList(Math.min(offset, matching.size()), end).forEach(results::add);
        int sent = send(exchange, 200, body);
        if (offset == 0 && end < matching.size()) {
            Runnable action = afterFirstPage;
            afterFirstPage = () -> {};
            action.run();
        }
        return sent;
    }

    private Fault takeFault(String path, int page) {
        for (Fault f : faults) {
            boolean pathMatches = f.path().equals("*") || f.path().equals(path);
            if (pathMatches && (f.page() == 0 || f.page() == page)) {
                synchronized (f) {
                    if (f.left()[0] > 0) {
                        if (f.left()[0] != Integer.MAX_VALUE) {
                            f.left()[0]--;
                        }
                        return f;
                    }
                }
            }
        }
        return null;
    }

    private static int limit(Map<String, List<String>> params) {
        int limit = intParam(params, "limit", DEFAULT_PAGE_SIZE);
        return limit <= 0 || limit > MAX_PAGE_SIZE ? MAX_PAGE_SIZE : limit;
    }

    private static int intParam(Map<String, List<String>> params, String name, int fallback) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? fallback : Integer.parseInt(values.get(0));
    }

    private String link(String path, Map<String, List<String>> params, int limit, int offset) {
        StringBuilder q = new StringBuilder();
        params.forEach(
                (name, values) -> {
                    if (!name.equals("limit") && !name.equals("offset")) {
                        values.forEach(v -> q.append(name).append('=').append(v).append('&'));
                    }
                });
        return ADVERTISED_ORIGIN + path + "?" + q + "limit=" + limit + "&offset=" + offset;
    }

    /** The NetBox filters we use; unknown names (and {@code cf_} of unknown fields) are ignored. */
    private Predicate<ObjectNode> filter(String path, Map<String, List<String>> params) {
        Predicate<ObjectNode> all = o -> true;
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String name = e.getKey();
            List<String> values = e.getValue();
            if (ignoredParameters.contains(name)) {
                continue;
            }
            Predicate<ObjectNode> p =
                    switch (name) {
                        case "status" ->
                                o -> values.contains(o.path("status").path("value").asText());
                        case "family" ->
                                o -> values.contains(o.path("family").path("value").asText());
                        case "tag" -> tagFilter(values);
                        case "role" -> roleFilter(values);
                        case "vrf_id" ->
                                o ->
                                        values.contains(
                                                o.path("vrf").isNull()
                                                                || o.path("vrf").isMissingNode()
                                                        ? "null"
                                                        : o.path("vrf").path("id").asText());
                        case "id" -> {
                            Set<String> ids = Set.copyOf(values);
                            yield o -> ids.contains(o.path("id").asText());
                        }
                        case "slug", "name" ->
                                (TAGS.equals(path) || CUSTOM_FIELDS.equals(path))
                                        ? o -> values.contains(o.path(name).asText())
                                        : null;
                        default ->
                                name.startsWith("cf_")
                                        ? customFieldFilter(name.substring(3), values)
                                        : null;
                    };
            if (p != null) {
                all = all.and(p);
            }
        }
        return all;
    }

    private Predicate<ObjectNode> tagFilter(List<String> slugs) {
        for (String slug : slugs) {
            if (objects.get(TAGS).stream().noneMatch(t -> slug.equals(t.path("slug").asText()))) {
                throw new UnknownChoiceException("tag", slug);
            }
        }
        return o -> slugs.stream().allMatch(slug -> hasSlug(o.path("tags"), slug));
    }

    private Predicate<ObjectNode> roleFilter(List<String> slugs) {
        Set<String> known = new LinkedHashSet<>();
        objects.get(PREFIXES).forEach(o -> known.add(o.path("role").path("slug").asText()));
        objects.get(IP_RANGES).forEach(o -> known.add(o.path("role").path("slug").asText()));
        for (String slug : slugs) {
            if (!known.contains(slug)) {
                throw new UnknownChoiceException("role", slug);
            }
        }
        return o -> slugs.contains(o.path("role").path("slug").asText());
    }

    private Predicate<ObjectNode> customFieldFilter(String field, List<String> values) {
        if (objects.get(CUSTOM_FIELDS).stream()
                .noneMatch(cf -> field.equals(cf.path("name").asText()))) {
            return null;
        }
        return o -> {
            JsonNode v = o.path("custom_fields").path(field);
            return !v.isMissingNode()
                    && !v.isNull()
                    && values.stream().anyMatch(x -> x.equalsIgnoreCase(v.asText()));
        };
    }

    private static boolean hasSlug(JsonNode array, String slug) {
        for (JsonNode n : array) {
            if (slug.equals(n.path("slug").asText())) {
                return true;
            }
        }
        return false;
    }

    private List<ObjectNode> derivedTags() {
        Map<String, ObjectNode> bySlug = new LinkedHashMap<>();
        for (String path : List.of(PREFIXES, IP_RANGES)) {
            for (ObjectNode o : objects.get(path)) {
                for (JsonNode t : o.path("tags")) {
                    bySlug.putIfAbsent(t.path("slug").asText(), (ObjectNode) t.deepCopy());
                }
            }
        }
        return new ArrayList<>(bySlug.values());
    }

    private List<ObjectNode> derivedCustomFields() {
        Map<String, ObjectNode> byName = new LinkedHashMap<>();
        long id = 1;
        for (String path : List.of(PREFIXES, IP_RANGES)) {
            for (ObjectNode o : objects.get(path)) {
                Iterator<String> names = o.path("custom_fields").fieldNames();
                while (names.hasNext()) {
                    String name = names.next();
                    if (!byName.containsKey(name)) {
                        ObjectNode cf = JSON.createObjectNode().put("id", id++).put("name", name);
                        cf.putArray("object_types")
                                .add(PREFIXES.equals(path) ? "ipam.prefix" : "ipam.iprange");
                        byName.put(name, cf);
                    }
                }
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static Map<String, List<String>> parse(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name =
                    URLDecoder.decode(
                            eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value =
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static int send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("API-Version", "4.6");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
        return status;
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class UnknownChoiceException extends RuntimeException {
        private final String parameter;
        private final String value;

        UnknownChoiceException(String parameter, String value) {
            super(parameter + "=" + value);
            this.parameter = parameter;
            this.value = value;
        }
    }
}
