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
 * RestartMode#ROLLOUT_RESTART}); state and nudge still go to the (new) pod's agent. The new pod's
 * agent boots the bundle the peer last ran (kept on its volume, docs/agent.md), never the mounted
 * one, so the new bundle is then applied through the agent's {@code POST /restart}: the same
 * mounted-hash check, {@code dhcpd -t} with the real key and fallback to the last bundle that
 * served as in place. A pod without a kept bundle (a fresh volume) boots the mounted one and needs
 * no apply.
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
        } catch (PeerUnreachableException e) {
            return new RestartResult.Unreachable(e.getMessage());
        }
        return agent.restart(expectedHash);
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
