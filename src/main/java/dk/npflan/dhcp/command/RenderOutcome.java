package dk.npflan.dhcp.command;

/**
 * The verdict of {@code netbox-dhcpd render} and its exit code, so that scripts and GitOps
 * pipelines can tell "config is wrong" (fix NetBox) from "could not even try" (fix the setup).
 */
public enum RenderOutcome implements CommandOutcome {
    /** Rendered, our checks and {@code dhcpd -t} for both roles passed. */
    VALID(0),
    /** Rendered, but our checks or {@code dhcpd -t} found errors; do not publish. */
    INVALID(1),
    /** Usage error, I/O error, NetBox error, bad settings: nothing was validated. */
    FAILED(2);

    private final int exitCode;

    RenderOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }
}
