package dk.npflan.dhcp.kea;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.Pool;
import dk.npflan.dhcp.config.Subnet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the NetBox object behind a position in a rendered Kea config, so that a {@code kea-dhcp4
 * -t} error ("… (kea-dhcp4.primary.json:812:7)") can name the prefix or IP range an operator has to
 * fix. It reads the rendered JSON back with Jackson's streaming parser and records where each
 * {@code subnet4} element and each of its pools starts and ends; the elements are in the order of
 * {@link KeaConfigRenderer#subnetOrder}. Kea points at the element it rejects (the duplicate
 * subnet, the subnet of a bad pool), which lies inside exactly one such span.
 */
public final class KeaSubnetLocator {

    private static final JsonFactory JSON = new JsonFactory();

    /** A 1-based (line, column) span of one element and the object it came from. */
    private record Span(
            long fromLine, long fromColumn, long toLine, long toColumn, NetBoxObject object) {
        boolean contains(long line, long column) {
            boolean afterStart = line > fromLine || (line == fromLine && column >= fromColumn);
            boolean beforeEnd = line < toLine || (line == toLine && column <= toColumn);
            return afterStart && beforeEnd;
        }
    }

    private final List<Span> subnets = new ArrayList<>();
    private final List<Span> pools = new ArrayList<>();
    private final List<Subnet> order;
    private int index;

    /**
     * @param json one role's rendered file
     * @param order the subnets as {@link KeaConfigRenderer#subnetOrder} gives them
     */
    public KeaSubnetLocator(String json, List<Subnet> order) {
        this.order = List.copyOf(order);
        try (JsonParser parser = JSON.createParser(json)) {
            if (findField(parser, "Dhcp4") && findField(parser, "subnet4")) {
                readSubnets(parser);
                readSharedNetworks(parser);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the renderer's own JSON does not parse", e);
        }
    }

    /**
     * The NetBox object (an IP range when the position lies in a pool from one, else the subnet's
     * prefix or setting) at 1-based {@code line} and {@code column}; empty outside every subnet.
     */
    public Optional<NetBoxObject> locate(long line, long column) {
        for (Span pool : pools) {
            if (pool.contains(line, column)) {
                return Optional.of(pool.object());
            }
        }
        for (Span subnet : subnets) {
            if (subnet.contains(line, column)) {
                return Optional.of(subnet.object());
            }
        }
        return Optional.empty();
    }

    /**
     * The subnet Kea's message names by its prefix ({@code 'a.b.c.d/n'}), for messages without a
     * position; the last one with that prefix, as Kea rejects the later of two duplicates.
     */
    public Optional<NetBoxObject> locate(String message) {
        NetBoxObject found = null;
        for (Subnet subnet : order) {
            if (message.contains("'" + subnet.network() + "'")) {
                found = subnet.source();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Moves to the value of {@code name} in the object that starts at the next token. */
    private static boolean findField(JsonParser parser, String name) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean match = name.equals(parser.currentName());
            if (match) {
                return true;
            }
            parser.nextToken();
            parser.skipChildren();
        }
        return false;
    }

    /** The rest of {@code Dhcp4}: the subnets of {@code shared-networks}, after the top-level. */
    private void readSharedNetworks(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() != JsonToken.START_ARRAY || !"shared-networks".equals(name)) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    if ("subnet4".equals(parser.currentName())) {
                        readSubnets(parser);
                    } else {
                        parser.nextToken();
                        parser.skipChildren();
                    }
                }
            }
        }
    }

    private void readSubnets(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            return;
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            Subnet subnet = index < order.size() ? order.get(index) : null;
            JsonLocation start = parser.currentTokenLocation();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("pools".equals(field) && subnet != null) {
                    readPools(parser, subnet);
                } else {
                    parser.skipChildren();
                }
            }
            if (subnet != null) {
                subnets.add(span(start, parser.currentTokenLocation(), subnet.source()));
            }
            index++;
        }
    }

    private void readPools(JsonParser parser, Subnet subnet) throws IOException {
        int index = 0;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            JsonLocation start = parser.currentTokenLocation();
            parser.skipChildren();
            if (index < subnet.pools().size()) {
                Pool pool = subnet.pools().get(index);
                NetBoxObject source = pool.range().orElse(subnet.source());
                pools.add(span(start, parser.currentTokenLocation(), source));
            }
            index++;
        }
    }

    private static Span span(JsonLocation from, JsonLocation to, NetBoxObject object) {
        return new Span(
                from.getLineNr(), from.getColumnNr(), to.getLineNr(), to.getColumnNr(), object);
    }
}
