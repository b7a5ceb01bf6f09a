package dk.npflan.dhcp.rollout.local;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.rollout.ClientLoad;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutStep;
import dk.npflan.dhcp.rollout.StepReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The zero-outage proof at full size, and its comparison: per pool count, a fresh {@link
 * LocalPair}; the client load (one exchange every 200 ms, 10 s deadline) through the roller's
 * staggered rollout of a bundle that adds a subnet, then through a restart of both peers at once
 * (both agents' {@code POST /restart} concurrently, after the next bundle is mounted). Prints
 * failed exchanges, exchanges slower than 1 s and the rollout's timing breakdown as markdown rows.
 * Run as root under the lab lock:
 *
 * <pre>
 * flock /tmp/nbd-lab.lock java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) \
 *     dk.npflan.dhcp.rollout.local.ZeroOutageBenchmark 200 10000
 * </pre>
 */
public final class ZeroOutageBenchmark {

    private static final Pattern GATE = Pattern.compile("gate passed after (PT[0-9.]+S)");

    /**
     * A brand-new pair (empty lease files) syncs every address once, minutes at 2.4 M addresses:
     * that is a first deployment, not a restart, so it gets its own bound.
     */
    private static final Duration FIRST_SYNC =
            Duration.parse(System.getProperty("nbd.first-sync", "PT400S"));

    private ZeroOutageBenchmark() {}

    public static void main(String[] args) throws Exception {
        String[] sizes = args.length == 0 ? new String[] {"200", "10000"} : args;
        for (String size : sizes) {
            int pools = Integer.parseInt(size);
            Instant setUp = Instant.now();
            try (ZeroOutageScenario scenario = ZeroOutageScenario.start(pools, 30, FIRST_SYNC)) {
                System.out.printf(
                        "pools=%d pair up and normal in %d ms%n",
                        pools, Duration.between(setUp, Instant.now()).toMillis());
                ZeroOutageScenario.Run staggered = scenario.rollout(Duration.ofSeconds(3));
                ZeroOutageScenario.Run both = scenario.restartBoth(Duration.ofSeconds(3));
                RolloutReport report = staggered.report().orElseThrow();
                System.out.println(report.summary());
                print(pools, staggered);
                print(pools, both);
                System.out.println("both restarted at once: " + both.restarts());
                System.out.println(breakdown(pools, report));
                for (PeerRole role : PeerRole.values()) {
                    System.out.printf(
                            "pools=%d new subnet via %s: %s%n",
                            pools,
                            role.keyword(),
                            scenario.servesAdded(role, Duration.ofSeconds(2)));
                }
            }
        }
    }

    private static void print(int pools, ZeroOutageScenario.Run run) {
        ClientLoad.Summary load = run.load();
        System.out.printf(
                "| %,d | %s | %d | %d | %d | %.1f s |%n",
                pools,
                run.how(),
                load.total(),
                load.failures().size(),
                load.slowerThan(Duration.ofSeconds(1)),
                run.took().toMillis() / 1000.0);
        load.failures().forEach(f -> System.out.println("  failed: " + f));
    }

    /** Publish, propagation, each restart (the agent call) and each gate wait, in ms. */
    private static String breakdown(int pools, RolloutReport report) {
        StepReport secondary = step(report, RolloutStep.RESTART_SECONDARY);
        StepReport primary = step(report, RolloutStep.RESTART_PRIMARY);
        long secondaryWait = gate(secondary).toMillis();
        long primaryWait = gate(primary).toMillis();
        return String.format(
                "| %,d | %d | %d | %d | %d | %d | %d | %d |",
                pools,
                report.took(RolloutStep.PUBLISH).toMillis(),
                report.took(RolloutStep.PROPAGATE).toMillis(),
                secondary.took().toMillis() - secondaryWait,
                secondaryWait,
                primary.took().toMillis() - primaryWait,
                primaryWait,
                report.took().toMillis());
    }

    private static StepReport step(RolloutReport report, RolloutStep step) {
        return report.steps().stream()
                .filter(s -> s.step() == step)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException(step + ": " + report.summary()));
    }

    private static Duration gate(StepReport step) {
        Matcher m = GATE.matcher(Optional.ofNullable(step.outcome().detail()).orElse(""));
        return m.find() ? Duration.parse(m.group(1)) : Duration.ZERO;
    }
}
