package dk.npflan.dhcp.probe;

import java.time.Duration;
import java.util.Optional;

/**
 * The result of one probe: either the server is ready (it handed us a lease) or the precise reason
 * it is not, and in both cases the path the request took. A sealed type rather than a flag, so that
 * callers must handle both and can report the reason.
 */
public sealed interface ProbeOutcome {

    Duration latency();

    /** The send path used; empty when the probe failed before one was chosen. */
    Optional<ProbePath> path();

    /** A DHCPACK from the probed server, obtained {@code via} that path. */
    record Ready(Lease lease, ProbePath via, Duration latency) implements ProbeOutcome {
        @Override
        public Optional<ProbePath> path() {
            return Optional.of(via);
        }
    }

    /** No usable DHCPACK; {@code detail} says what was last seen. */
    record NotReady(ProbeFailure failure, String detail, Optional<ProbePath> path, Duration latency)
            implements ProbeOutcome {}
}
