package dk.npflan.dhcp.rollout;

import static dk.npflan.dhcp.rollout.PeerStates.healthy;
import static dk.npflan.dhcp.rollout.PeerStates.pair;
import static dk.npflan.dhcp.rollout.PeerStates.secondaryUnreachable;
import static dk.npflan.dhcp.rollout.PeerStates.withAddresses;
import static dk.npflan.dhcp.rollout.PeerStates.withFailover;
import static dk.npflan.dhcp.rollout.PeerStates.withMounted;
import static dk.npflan.dhcp.rollout.PeerStates.withProcess;
import static dk.npflan.dhcp.rollout.PeerStates.withRunning;
import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.omapi.FailoverState;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every gate as a table: the observation, the expected verdict, and (when not met) words the
 * verdict must contain so a timed-out wait says what it saw.
 */
class PairConditionsTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final PeerState P = healthy(PeerRole.PRIMARY, A);
    private static final PeerState S = healthy(PeerRole.SECONDARY, A);

    /** The peer lost touch with its partner: it serves, communications-interrupted. */
    private static PeerState interrupted(PeerState s) {
        return withFailover(
                s, FailoverState.COMMUNICATIONS_INTERRUPTED, FailoverState.UNKNOWN_STATE);
    }

    private static PairObservation interrupted(PeerState primary, PeerState secondary) {
        return pair(interrupted(primary), interrupted(secondary));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // MountedHashCondition
                row(
                        "mounted: equal",
                        new MountedHashCondition(PeerRole.SECONDARY, A),
                        pair(P, S),
                        "met",
                        ""),
                row(
                        "mounted: old hash",
                        new MountedHashCondition(PeerRole.SECONDARY, B),
                        pair(P, S),
                        "not-yet",
                        "secondary mounts aaaaaaaaaaaa, not bbbbbbbbbbbb"),
                row(
                        "mounted: nothing mounted",
                        new MountedHashCondition(PeerRole.PRIMARY, A),
                        pair(withMounted(P, null), S),
                        "not-yet",
                        "primary mounts none"),
                row(
                        "mounted: unreachable",
                        new MountedHashCondition(PeerRole.SECONDARY, A),
                        secondaryUnreachable(P),
                        "not-yet",
                        "secondary mounts ?"),
                row(
                        "mounted: other peer's hash does not count",
                        new MountedHashCondition(PeerRole.PRIMARY, B),
                        pair(P, withMounted(S, B)),
                        "not-yet",
                        "primary mounts"),
                // RestartAllowedCondition (the precondition of a config-change restart)
                row(
                        "restart allowed: pair normal, other serving",
                        new RestartAllowedCondition(PeerRole.SECONDARY, B),
                        pair(P, S),
                        "met",
                        ""),
                row(
                        "restart allowed: pair communications-interrupted, both serving",
                        new RestartAllowedCondition(PeerRole.SECONDARY, B),
                        interrupted(P, S),
                        "not-yet",
                        "the pair is not normal: secondary failover communications-interrupted"),
                row(
                        "restart allowed: other peer not serving",
                        new RestartAllowedCondition(PeerRole.PRIMARY, B),
                        pair(P, withProcess(S, false, false, false)),
                        "not-yet",
                        "secondary not serving"),
                row(
                        "restart allowed: the peer itself does not serve (nothing taken away)",
                        new RestartAllowedCondition(PeerRole.PRIMARY, B),
                        pair(withProcess(P, false, false, false), interrupted(S)),
                        "met",
                        ""),
                row(
                        "restart allowed: the peer already runs the hash (only the gate follows)",
                        new RestartAllowedCondition(PeerRole.SECONDARY, A),
                        interrupted(P, S),
                        "met",
                        ""),
                // PartnerAddressCondition (after a re-pair of the primary; the secondary moved)
                row(
                        "partner address: holds the partner's current address",
                        new PartnerAddressCondition(PeerRole.PRIMARY, Ipv4Address.of("10.0.0.9")),
                        pair(P, S),
                        "met",
                        ""),
                row(
                        "partner address: resolved the old address again",
                        new PartnerAddressCondition(PeerRole.PRIMARY, Ipv4Address.of("10.0.0.2")),
                        pair(P, withAddresses(S, "10.0.0.12", "10.0.0.1")),
                        "halt partner-name-stale",
                        "primary resolved the old 10.0.0.2 again after its restart; secondary is"
                                + " at 10.0.0.12"),
                row(
                        "partner address: not reported yet",
                        new PartnerAddressCondition(PeerRole.PRIMARY, Ipv4Address.of("10.0.0.2")),
                        pair(withAddresses(P, "10.0.0.1", null), S),
                        "not-yet",
                        "primary has not reported its partner's address yet"),
                // RunningHashCondition
                row(
                        "running: equal",
                        new RunningHashCondition(PeerRole.PRIMARY, A),
                        pair(P, S),
                        "met",
                        ""),
                row(
                        "running: mounted but not running",
                        new RunningHashCondition(PeerRole.PRIMARY, B),
                        pair(withMounted(P, B), S),
                        "not-yet",
                        "primary runs aaaaaaaaaaaa, not bbbbbbbbbbbb"),
                row(
                        "running: dhcpd down, nothing running",
                        new RunningHashCondition(PeerRole.SECONDARY, A),
                        pair(P, withRunning(S, null)),
                        "not-yet",
                        "secondary runs none"),
                // BothNormalCondition
                row("both normal: yes", new BothNormalCondition(), pair(P, S), "met", ""),
                row(
                        "both normal: secondary in startup",
                        new BothNormalCondition(),
                        pair(
                                withFailover(
                                        P,
                                        FailoverState.COMMUNICATIONS_INTERRUPTED,
                                        FailoverState.STARTUP),
                                withFailover(
                                        S,
                                        FailoverState.STARTUP,
                                        FailoverState.COMMUNICATIONS_INTERRUPTED)),
                        "not-yet",
                        "secondary failover startup/communications-interrupted"),
                row(
                        "both normal: local normal, partner not yet",
                        new BothNormalCondition(),
                        pair(
                                withFailover(
                                        P,
                                        FailoverState.NORMAL,
                                        FailoverState.COMMUNICATIONS_INTERRUPTED),
                                S),
                        "not-yet",
                        "primary failover normal/communications-interrupted"),
                row(
                        "both normal: OMAPI failed",
                        new BothNormalCondition(),
                        pair(P, withFailover(S, null, null)),
                        "not-yet",
                        "secondary failover ?/?"),
                row(
                        "both normal: unreachable",
                        new BothNormalCondition(),
                        secondaryUnreachable(P),
                        "not-yet",
                        "secondary: unreachable (connection refused)"),
                // ServingCondition
                row("serving: yes", new ServingCondition(PeerRole.PRIMARY), pair(P, S), "met", ""),
                row(
                        "serving: communications-interrupted with probe ready counts",
                        new ServingCondition(PeerRole.PRIMARY),
                        pair(
                                withFailover(
                                        P,
                                        FailoverState.COMMUNICATIONS_INTERRUPTED,
                                        FailoverState.STARTUP),
                                S),
                        "met",
                        ""),
                row(
                        "serving: probe not ready",
                        new ServingCondition(PeerRole.PRIMARY),
                        pair(withProcess(P, true, false, false), S),
                        "not-yet",
                        "primary not serving"),
                row(
                        "serving: dhcpd down",
                        new ServingCondition(PeerRole.SECONDARY),
                        pair(P, withProcess(S, false, false, true)),
                        "not-yet",
                        "secondary not serving"),
                row(
                        "serving: crash loop",
                        new ServingCondition(PeerRole.SECONDARY),
                        pair(P, withProcess(S, true, true, true)),
                        "not-yet",
                        "secondary not serving"),
                row(
                        "serving: unreachable",
                        new ServingCondition(PeerRole.SECONDARY),
                        secondaryUnreachable(P),
                        "not-yet",
                        "secondary not serving"),
                // FailFastCondition
                row(
                        "fail fast: healthy pair",
                        FailFastCondition.afterRestartOf(PeerRole.SECONDARY),
                        pair(P, S),
                        "met",
                        ""),
                row(
                        "fail fast: startup and communications-interrupted are normal during a restart",
                        FailFastCondition.afterRestartOf(PeerRole.SECONDARY),
                        pair(
                                withFailover(
                                        P,
                                        FailoverState.COMMUNICATIONS_INTERRUPTED,
                                        FailoverState.STARTUP),
                                withFailover(
                                        S,
                                        FailoverState.STARTUP,
                                        FailoverState.COMMUNICATIONS_INTERRUPTED)),
                        "met",
                        ""),
                row(
                        "fail fast: restarted peer crash-loops → roll back",
                        FailFastCondition.afterRestartOf(PeerRole.SECONDARY),
                        pair(P, withProcess(S, false, true, false)),
                        "roll-back crash-loop",
                        "secondary crash-looping"),
                row(
                        "fail fast: the other peer crash-loops → halt",
                        FailFastCondition.afterRestartOf(PeerRole.SECONDARY),
                        pair(withProcess(P, false, true, false), S),
                        "halt crash-loop",
                        "primary crash-looping"),
                row(
                        "fail fast: recover-wait → halt",
                        FailFastCondition.afterRestartOf(PeerRole.SECONDARY),
                        pair(
                                withFailover(
                                        P, FailoverState.PARTNER_DOWN, FailoverState.RECOVER_WAIT),
                                withFailover(
                                        S, FailoverState.RECOVER_WAIT, FailoverState.PARTNER_DOWN)),
                        "halt lease-state-lost",
                        "secondary in recover-wait"),
                row(
                        "fail fast: recover → halt",
                        FailFastCondition.afterRestartOf(PeerRole.SECONDARY),
                        pair(P, withFailover(S, FailoverState.RECOVER, FailoverState.NORMAL)),
                        "halt lease-state-lost",
                        "secondary in recover"),
                row(
                        "fail fast: partner-down → halt",
                        FailFastCondition.pairHealth(),
                        pair(
                                withFailover(
                                        P, FailoverState.PARTNER_DOWN, FailoverState.UNKNOWN_STATE),
                                S),
                        "halt partner-down",
                        "primary in partner-down"),
                row(
                        "fail fast: unreachable is not a reason to fail fast",
                        FailFastCondition.pairHealth(),
                        secondaryUnreachable(P),
                        "met",
                        ""),
                // allOf
                row(
                        "allOf: fail fast wins over not-yet",
                        PairCondition.allOf(
                                new RunningHashCondition(PeerRole.SECONDARY, B),
                                FailFastCondition.afterRestartOf(PeerRole.SECONDARY)),
                        pair(P, withProcess(S, false, true, false)),
                        "roll-back crash-loop",
                        ""),
                row(
                        "allOf: first not-yet reported",
                        PairCondition.allOf(
                                new ServingCondition(PeerRole.SECONDARY),
                                new RunningHashCondition(PeerRole.SECONDARY, B),
                                new BothNormalCondition()),
                        pair(P, S),
                        "not-yet",
                        "secondary runs aaaaaaaaaaaa, not bbbbbbbbbbbb"),
                row(
                        "allOf: all met",
                        PairCondition.allOf(
                                new ServingCondition(PeerRole.SECONDARY),
                                new BothNormalCondition()),
                        pair(P, S),
                        "met",
                        ""));
    }

    private static Arguments row(
            String name,
            PairCondition condition,
            PairObservation observed,
            String verdict,
            String says) {
        return Arguments.of(name, condition, observed, verdict, says);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void condition_givesTheExpectedVerdict(
            String name,
            PairCondition condition,
            PairObservation observed,
            String expected,
            String says) {
        Verdict verdict = condition.evaluate(observed);

        assertThat(label(verdict)).isEqualTo(expected);
        assertThat(why(verdict)).contains(says);
    }

    private static String label(Verdict verdict) {
        if (verdict instanceof Verdict.Met) {
            return "met";
        }
        if (verdict instanceof Verdict.FailFast f) {
            return f.kind().label() + " " + f.reason().label();
        }
        return "not-yet";
    }

    private static String why(Verdict verdict) {
        if (verdict instanceof Verdict.NotYet n) {
            return n.why();
        }
        return verdict instanceof Verdict.FailFast f ? f.why() : "";
    }
}
