package dk.npflan.dhcp.agent.leases;

/**
 * What one {@link LeaseFileReader#poll()} did.
 *
 * @param kind whether the file was unchanged, appended to, re-read from the start, or missing
 * @param bytesRead bytes read in this poll (the tail of an unfinished block is read again next
 *     time)
 * @param leasesApplied lease blocks applied to the table in this poll
 * @param fileBytes the file's size when the poll started (0 when missing)
 */
public record LeasePoll(Kind kind, long bytesRead, long leasesApplied, long fileBytes) {

    public enum Kind {
        UNCHANGED,
        APPENDED,
        /** First read, or dhcpd rewrote the file (new inode, or it shrank). */
        REREAD,
        MISSING
    }
}
