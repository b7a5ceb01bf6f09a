package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.omapi.OmapiKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

/**
 * The directory dhcpd runs from, rebuilt before every start: the bundle's {@code dhcpd.conf}
 * unchanged (so what runs hashes to what was published), this role's failover file at the failover
 * include path, and the OMAPI key include rendered from the mounted Secret at the key include path.
 * The key therefore lives only in the Secret and in this directory (mode 0600), never in a
 * ConfigMap. Each file is written to a temp file and moved into place.
 *
 * @param dir the run directory; {@code dhcpd.conf} goes here
 * @param failoverInclude absolute path dhcpd.conf includes for the failover statements
 * @param keyInclude absolute path dhcpd.conf includes for the OMAPI key
 */
public record RunDirectory(Path dir, Path failoverInclude, Path keyInclude) {

    public RunDirectory {
        for (Path include : new Path[] {failoverInclude, keyInclude}) {
            if (!include.isAbsolute() || !include.normalize().startsWith(dir.normalize())) {
                throw new IllegalArgumentException(
                        "include "
                                + include
                                + " must be an absolute path inside the run directory "
                                + dir);
            }
        }
    }

    public Path configFile() {
        return dir.resolve(RenderedConfig.CONFIG);
    }

    /**
     * The bundle's names of the run directory's files, for {@code dhcpd -t} output: {@code
     * dhcpd.conf} and {@code dhcpd.failover.<role>}, as the listener's check shows them.
     */
    public Map<Path, String> shownNames(PeerRole role) {
        return Map.of(configFile(), RenderedConfig.CONFIG, failoverInclude, role.fileName());
    }

    /** Writes the three files dhcpd reads for {@code role}. */
    public void write(RenderedConfig bundle, PeerRole role, OmapiKey key, String keyName)
            throws IOException {
        replace(configFile(), bundle.config(), false);
        replace(failoverInclude, bundle.failover(role), false);
        replace(keyInclude, keyInclude(key, keyName), true);
    }

    /**
     * dhcpd's key statement under the name dhcpd.conf's {@code omapi-key} uses, whatever the Secret
     * called it.
     */
    static String keyInclude(OmapiKey key, String keyName) {
        return "key "
                + keyName
                + " {\n    algorithm "
                + key.algorithm().dhcpdName()
                + ";\n    secret \""
                + Base64.getEncoder().encodeToString(key.secret())
                + "\";\n};\n";
    }

    private static void replace(Path file, String content, boolean secret) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            if (secret) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
