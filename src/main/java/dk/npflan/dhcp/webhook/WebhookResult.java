package dk.npflan.dhcp.webhook;

import java.util.Locale;

/**
 * The outcome of one webhook request: the {@code result} label of {@code netbox_webhooks_total}.
 */
public enum WebhookResult {
    ACCEPTED,
    IGNORED,
    BAD_SIGNATURE,
    BAD_REQUEST,
    UNSUPPORTED_MEDIA_TYPE,
    TOO_LARGE,
    UNAVAILABLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
