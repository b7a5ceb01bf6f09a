package dk.npflan.dhcp.rollout.kubernetes;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.rollout.Peer;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.PeerUnreachableException;
import dk.npflan.dhcp.rollout.RestartResult;
import dk.npflan.dhcp.rollout.agent.AgentClient;
import java.time.Duration;
import java.time.Instant;

/**
 * A peer restarted by rolling its Deployment instead of by its agent ({@link
 * RestartMode#ROLLOUT_RESTART}); state and nudge still go to the (new) pod's agent. The restart
 * counts as done when the Deployment is rolled out and the new pod's agent runs the expected hash.
 */
final class RolloutRestartPeer implements Peer {

    private final AgentClient agent;
    private final DeploymentRollout rollout;
    private final String deployment;
    private final Duration timeout;

    RolloutRestartPeer(
            AgentClient agent, DeploymentRollout rollout, String deployment, Duration timeout) {
        this.agent = agent;
        this.rollout = rollout;
        this.deployment = deployment;
        this.timeout = timeout;
    }

    @Override
    public PeerRole role() {
        return agent.role();
    }

    @Override
    public PeerState state() {
        return agent.state();
    }

    @Override
    public void nudge(String hash) {
        agent.nudge(hash);
    }

    @Override
    public RestartResult restart(String expectedHash) {
        Instant started = Instant.now();
        try {
            PeerState before = agent.state();
            if (before.runningHash().filter(expectedHash::equals).isPresent()) {
                return new RestartResult.AlreadyRunning(expectedHash);
            }
        } catch (PeerUnreachableException e) {
            // a pod that cannot answer is exactly what a new one replaces
        }
        DeploymentRollout.Outcome outcome = rollout.restart(deployment, expectedHash, timeout);
        switch (outcome.status().phase()) {
            case FAILED -> {
                return new RestartResult.StartFailed(outcome.status().message());
            }
            case WAITING -> {
                return new RestartResult.StartFailed(
                        "not rolled out within " + timeout + ": " + outcome.status().message());
            }
            case DONE -> {
                // fall through to the new pod's agent
            }
        }
        try {
            PeerState after = agent.state();
            if (after.runningHash().filter(expectedHash::equals).isPresent()) {
                return new RestartResult.Restarted(
                        expectedHash, Duration.between(started, Instant.now()));
            }
            return new RestartResult.StartFailed(
                    String.format(
                            "deployment %s rolled out but its agent runs %s (dhcpd running %s,"
                                    + " crash loop %s)",
                            deployment,
                            after.runningHash().orElse("nothing"),
                            after.serverRunning(),
                            after.crashLoop()));
        } catch (PeerUnreachableException e) {
            return new RestartResult.Unreachable(e.getMessage());
        }
    }

    /**
     * Through the agent, never a new pod: a new pod gets a new IP, and its partner would then hold
     * a stale address itself.
     */
    @Override
    public RestartResult restartInPlace(String runningHash) {
        return agent.restartInPlace(runningHash);
    }
}
