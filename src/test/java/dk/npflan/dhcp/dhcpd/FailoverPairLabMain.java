package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.dhcpd.FailoverPairLab.Role;
import dk.npflan.dhcp.omapi.FailoverStatus;
import java.time.Duration;

/**
 * Runs the lab pair by hand, for benchmarks and manual checks: starts it, waits (bounded) until
 * both peers report normal/normal over OMAPI, prints how to reach it, and keeps it up for the given
 * number of seconds (default 600) or until the process is terminated; the lab's shutdown hook
 * removes everything.
 */
public final class FailoverPairLabMain {

    private FailoverPairLabMain() {}

    public static void main(String[] args) throws Exception {
        long upSeconds = args.length > 0 ? Long.parseLong(args[0]) : 600;
        try (FailoverPairLab lab = FailoverPairLab.start(60)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!(lab.omapiIfUp(Role.PRIMARY).map(FailoverStatus::bothNormal).orElse(false)
                    && lab.omapiIfUp(Role.SECONDARY)
                            .map(FailoverStatus::bothNormal)
                            .orElse(false))) {
                if (System.nanoTime() > deadline) {
                    System.err.println("pair not normal/normal within 60 s:\n" + lab.logs());
                    System.exit(1);
                }
                Thread.sleep(200);
            }
            for (Role role : Role.values()) {
                System.out.printf(
                        "%s: netns %s, interface %s, address %s, OMAPI %s:%d%n",
                        role,
                        role.netns(),
                        role.interfaceName(),
                        role.address().toString(),
                        role.address().toString(),
                        FailoverPairLab.OMAPI_PORT);
            }
            System.out.printf(
                    "probe subnet %s, OMAPI key file %s, peer %s; up for %d s%n",
                    FailoverPairLab.PROBE_SUBNET,
                    lab.keyFile(),
                    FailoverPairLab.PEER_NAME,
                    upSeconds);
            System.out.println("pair ready");
            Thread.sleep(Duration.ofSeconds(upSeconds).toMillis());
        }
    }
}
