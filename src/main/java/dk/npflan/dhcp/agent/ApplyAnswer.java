package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.peer.AgentApi;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The answer of a {@link PeerServer} to {@code POST /restart}, one value per HTTP answer of
 * docs/agent.md, so every server kind is mapped to statuses in one place ({@link AgentHttpApi}).
 */
public sealed interface ApplyAnswer {

    /** 409 {@code restart-in-progress}: another apply is running. */
    record InProgress() implements ApplyAnswer {}

    /** 409 {@code hash-mismatch}: the mounted bundle is not the expected one (or incomplete). */
    record HashMismatch(String expected, Optional<String> mounted) implements ApplyAnswer {}

    /** 409 {@code not-running}: an in-place restart of a config the server does not run. */
    record NotRunning(String expected, Optional<String> running) implements ApplyAnswer {}

    /**
     * 409: the server was not touched because the pair cannot take the apply now (Kea: the partner
     * did not take this peer's clients over).
     *
     * @param slug the problem type, e.g. {@code takeover-refused}
     */
    record Refused(String slug, String detail) implements ApplyAnswer {}

    /** 200, not restarted: the server already runs (or last applied) this hash. */
    record AlreadyRunning(String runningHash) implements ApplyAnswer {}

    /**
     * 422 {@code config-invalid}: the server refused the mounted config; what serves is untouched.
     *
     * @param detail one sentence naming the check
     * @param errors the check's errors (file, line, message)
     */
    record ConfigInvalid(String detail, List<AgentApi.FileError> errors) implements ApplyAnswer {}

    /** 200, restarted: the server runs the new hash (a Kea pair is back in its normal state). */
    record Applied(String runningHash, long pid, Duration took) implements ApplyAnswer {}

    /**
     * 500: the apply went wrong after the server was touched.
     *
     * @param slug the problem type, e.g. {@code start-failed}
     * @param detail why, for the operator
     */
    record Failed(String slug, String detail) implements ApplyAnswer {}
}
