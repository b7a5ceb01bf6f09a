package dk.npflan.dhcp.kea;

import dk.npflan.dhcp.config.NetBoxObject;

/**
 * The model holds something Kea cannot represent (a prefix id beyond Kea's subnet ids); names the
 * NetBox object to fix. Settings errors are {@link IllegalArgumentException}s naming the property,
 * as elsewhere.
 */
public final class KeaRenderException extends RuntimeException {

    private final transient NetBoxObject object;

    public KeaRenderException(NetBoxObject object, String message) {
        super(object + ": " + message);
        this.object = object;
    }

    public NetBoxObject object() {
        return object;
    }
}
