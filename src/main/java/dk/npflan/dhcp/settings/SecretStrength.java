package dk.npflan.dhcp.settings;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a configured secret could be guessed: a placeholder that an example file ships (our
 * {@code deploy/base/secrets.yaml} had {@code REPLACE-ME}, the README {@code change-me}) or a value
 * shorter than {@link #MIN_BYTES}. {@code serve} and {@code agent} refuse to start on either, so an
 * install that forgot to replace an example Secret fails at once instead of accepting a token
 * anyone can read in this repository. Refusals name the setting, never the value.
 */
public enum SecretStrength {
    /** Long enough and not a known placeholder. */
    ACCEPTED,
    /** One of {@link #PLACEHOLDERS}, in any case. */
    PLACEHOLDER,
    /** Fewer than {@link #MIN_BYTES} bytes (UTF-8). */
    TOO_SHORT;

    /** 128 bits: what {@code openssl rand -hex 16} gives, and half of what the docs suggest. */
    public static final int MIN_BYTES = 16;

    /** Placeholders of example files and docs, compared case-insensitively. */
    static final Set<String> PLACEHOLDERS =
            Set.of(
                    "replace-me",
                    "replace_me",
                    "replaceme",
                    "change-me",
                    "change_me",
                    "changeme",
                    "changeit",
                    "secret",
                    "password",
                    "example",
                    "todo",
                    "xxx",
                    "<token>",
                    "<secret>");

    public static SecretStrength of(String value) {
        String trimmed = value.strip();
        if (PLACEHOLDERS.contains(trimmed.toLowerCase(Locale.ROOT))) {
            return PLACEHOLDER;
        }
        return trimmed.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES ? TOO_SHORT : ACCEPTED;
    }

    /** For secrets whose bytes are the key (a decoded OMAPI key): only the length counts. */
    public static SecretStrength ofKey(byte[] key) {
        return key.length < MIN_BYTES ? TOO_SHORT : ACCEPTED;
    }

    /**
     * Why {@code what} must not be used, as one sentence without the value; empty when accepted.
     *
     * @param what the setting, e.g. {@code NETBOX_WEBHOOK_SECRET (netbox-dhcpd.webhook.secret)}
     */
    public Optional<String> refusal(String what) {
        return switch (this) {
            case ACCEPTED -> Optional.empty();
            case PLACEHOLDER ->
                    Optional.of(
                            what
                                    + " is a known placeholder, not a secret: set a random value"
                                    + " (openssl rand -hex 32)");
            case TOO_SHORT ->
                    Optional.of(
                            what
                                    + " is shorter than "
                                    + MIN_BYTES
                                    + " bytes: set a random value (openssl rand -hex 32)");
        };
    }
}
