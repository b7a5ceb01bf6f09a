package dk.npflan.dhcp.command;

/** The verdict of {@code netbox-dhcpd partner-down} and its exit code. */
public enum PartnerDownOutcome implements CommandOutcome {
    /** The server is in partner-down now (put there, or already). */
    PARTNER_DOWN(0),
    /** Refused: a safety question unanswered, or the other peer still answers. */
    REFUSED(1),
    /** The server could not be asked or refused the write, or a usage or settings error. */
    ERROR(2);

    private final int exitCode;

    PartnerDownOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }
}
