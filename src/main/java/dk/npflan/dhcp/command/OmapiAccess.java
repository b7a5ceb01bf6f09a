package dk.npflan.dhcp.command;

import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.omapi.OmapiClient;
import dk.npflan.dhcp.omapi.OmapiException;
import dk.npflan.dhcp.omapi.OmapiKey;
import dk.npflan.dhcp.omapi.OmapiKeyFileParser;
import dk.npflan.dhcp.omapi.OmapiSettings;
import dk.npflan.dhcp.omapi.OmapiTimeouts;
import io.smallrye.config.SmallRyeConfig;
import java.nio.file.Path;

/**
 * How the console verbs reach a dhcpd's OMAPI as the agent does: port and timeouts from {@code
 * netbox-dhcpd.omapi.*}, the secret from the same key file (the mounted Secret, {@code
 * netbox-dhcpd.omapi.key-file}) under the name dhcpd.conf gives it ({@code
 * netbox-dhcpd.config.omapi.key-name}: the Secret may name the key differently), and the failover
 * peer name. The secret is never printed.
 */
record OmapiAccess(
        int port, Path keyFile, String keyName, OmapiTimeouts timeouts, String peerName) {

    static OmapiAccess from(CommandContext context) {
        SmallRyeConfig config = context.settings(OmapiSettings.class, DhcpdSettings.class);
        OmapiSettings omapi = config.getConfigMapping(OmapiSettings.class);
        DhcpdSettings dhcpd = config.getConfigMapping(DhcpdSettings.class);
        Path keyFile =
                omapi.keyFile()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no OMAPI key: set netbox-dhcpd.omapi.key-file"
                                                        + " (NETBOX_DHCPD_OMAPI_KEY_FILE) to the"
                                                        + " key file the agent uses"));
        return new OmapiAccess(
                omapi.port(),
                keyFile,
                dhcpd.omapi().keyName(),
                omapi.omapiTimeouts(),
                dhcpd.failover().peerName());
    }

    OmapiClient connect(String host) throws OmapiException {
        OmapiKey parsed = OmapiKeyFileParser.read(keyFile);
        return OmapiClient.connect(
                host, port, new OmapiKey(keyName, parsed.algorithm(), parsed.secret()), timeouts);
    }
}
