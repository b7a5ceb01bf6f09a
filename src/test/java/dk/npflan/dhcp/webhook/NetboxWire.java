package dk.npflan.dhcp.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The four NetBox 4.6 webhook bodies recorded from a real NetBox, as exact bytes, with the
 * signatures NetBox computed for them with the test secret. Test vectors only.
 */
public enum NetboxWire {
    PREFIX_CREATED(
            "prefix_created",
            "ipam.prefix:1187",
            "created",
            "7a8bf15c53958b8bf9f95d0b9a710d2e80b1b9b58131ee67f1636212683ffc80467ba82f3d44101650d5a04e4c7f8216c97401c703f1771f5f59dfaf7f4d6afc"),
    PREFIX_UPDATED(
            "prefix_updated",
            "ipam.prefix:1187",
            "updated",
            "8f919f6a6027e7e1d7124859062cac80db2449965886ad80ee44f829befb790145f636dccb917e230aee07a948525b34ef027cf9c8757b9389a656bf1927931e"),
    PREFIX_DELETED(
            "prefix_deleted",
            "ipam.prefix:1187",
            "deleted",
            "6cb0b51776a7189c482424d2420d6ab9ce1c374569eee516d06c5f1925d3f5c6d4c564397c9e645f099fbe0e1334816f788782b841c6beec46c5b6828b797b6d"),
    IPRANGE_CREATED(
            "iprange_created",
            "ipam.iprange:241",
            "created",
            "70f98b846a1a8455a2bcfa02486462f156dcc5ab7f7d936e909988204579211f5d9453ea413032e3f54d531c03aa1aaba533904672ee11c3d27a25e24c2afa54");

    /** The test-only secret of the fixtures; never used anywhere else. */
    public static final String SECRET = "example-webhook-secret-change-me";

    public final String file;
    public final String key;
    public final String event;
    public final String signature;

    NetboxWire(String file, String key, String event, String signature) {
        this.file = file;
        this.key = key;
        this.event = event;
        this.signature = signature;
    }

    public byte[] body() {
        try (InputStream in =
                NetboxWire.class.getResourceAsStream("/netbox/wire/" + file + ".body")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
