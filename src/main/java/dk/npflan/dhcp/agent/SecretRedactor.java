package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.omapi.OmapiKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Last line of defence for text the agent shows: dhcpd log lines, check errors and exception
 * messages pass through here before they reach a log, {@code /state} or an error body, so the OMAPI
 * key and the restart token can never leak even if some message quotes them.
 */
public final class SecretRedactor {

    static final String REDACTED = "<redacted>";

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    /** Adds a secret to hide; blank values and very short ones (no real secret) are ignored. */
    public void add(String secret) {
        if (secret != null && secret.strip().length() >= 4 && !secrets.contains(secret.strip())) {
            secrets.add(secret.strip());
        }
    }

    /** Adds the key's secret in the forms it appears in (base64 as in dhcpd's key statement). */
    public void add(OmapiKey key) {
        add(Base64.getEncoder().encodeToString(key.secret()));
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : new ArrayList<>(secrets)) {
            out = out.replace(secret, REDACTED);
        }
        return out;
    }
}
