package dk.npflan.dhcp.probe;

import java.time.Duration;

/**
 * The result of one probe: either the server is ready (it handed us a lease) or the precise reason
 * it is not. A sealed type rather than a flag, so that callers must handle both and can report the
 * reason.
 */
public sealed interface ProbeOutcome {

    Duration latency();

    /** A DHCPACK from the probed server. */
    record Ready(Lease lease, Duration latency) implements ProbeOutcome {}

    /** No usable DHCPACK; {@code detail} says what was last seen. */
    record NotReady(ProbeFailure failure, String detail, Duration latency)
            implements ProbeOutcome {}
}
