package dk.npflan.dhcp.dhcpd;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Guards the lease file. dhcpd will not start without one, and an empty one makes the peer go
 * through recover / recover-wait for a full MCLT (docs/dhcpd.md, "Lease file loss"). So we only
 * ever create it when it is missing, atomically, and never open it for writing otherwise: there is
 * no code path that truncates it.
 */
public final class LeaseFile {

    /**
     * Whether {@link #ensureExists} found the file or had to create it (an empty, state-less one).
     */
    public enum Presence {
        EXISTED,
        CREATED
    }

    private LeaseFile() {}

    public static Presence ensureExists(Path leaseFile) throws IOException {
        Path parent = leaseFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createFile(leaseFile);
            return Presence.CREATED;
        } catch (FileAlreadyExistsException e) {
            return Presence.EXISTED;
        }
    }
}
