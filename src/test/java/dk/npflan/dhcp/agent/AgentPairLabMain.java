package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.dhcpd.FailoverPairLab.Role;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the agent lab by hand, for benchmarks and manual checks: both agents (child JVMs in their
 * namespaces) with their dhcpd pair, waits (bounded) until both report normal/normal in {@code
 * /state}, prints how to reach them, and keeps them up for the given seconds (default 600). Args:
 * {@code [seconds] [key=value ...]}, agent settings such as {@code
 * netbox-dhcpd.agent.ready-cache=PT0S}.
 */
public final class AgentPairLabMain {

    private AgentPairLabMain() {}

    public static void main(String[] args) throws Exception {
        long upSeconds = args.length > 0 ? Long.parseLong(args[0]) : 600;
        Map<String, String> settings = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            settings.put(kv[0], kv[1]);
        }
        try (AgentPairLab lab = AgentPairLab.create(60, settings)) {
            for (Role role : Role.values()) {
                lab.startAgent(role);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!(bothNormal(lab, Role.PRIMARY) && bothNormal(lab, Role.SECONDARY))) {
                if (System.nanoTime() > deadline) {
                    System.err.println("pair not normal/normal within 90 s:\n" + lab.logs());
                    System.exit(1);
                }
                Thread.sleep(200);
            }
            for (Role role : Role.values()) {
                System.out.printf(
                        "%s: agent pid %d, netns %s, API %s%n",
                        role,
                        lab.agent(role).process().pid(),
                        AgentPairLab.NETWORK.netns(role),
                        lab.uri(role, "/"));
            }
            System.out.printf("up for %d s%n", upSeconds);
            System.out.println("agents ready");
            Thread.sleep(Duration.ofSeconds(upSeconds).toMillis());
        }
    }

    private static boolean bothNormal(AgentPairLab lab, Role role) {
        try {
            String body = lab.get(role, "/state").body();
            return body.contains("\"localState\":\"normal\"")
                    && body.contains("\"partnerState\":\"normal\"");
        } catch (Exception e) {
            return false;
        }
    }
}
