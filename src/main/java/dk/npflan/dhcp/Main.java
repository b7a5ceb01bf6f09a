package dk.npflan.dhcp;

import dk.npflan.dhcp.agent.AgentCommand;
import dk.npflan.dhcp.broker.ServeCommand;
import dk.npflan.dhcp.omapi.FailoverStateCommand;
import dk.npflan.dhcp.probe.ProbeCommand;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one entry point behind {@code bin/netbox-dhcpd <command>}. Only {@code serve} boots Quarkus;
 * the operator commands run as plain Java so that they start in well under a second and never touch
 * Kafka or Kubernetes.
 */
@QuarkusMain
public final class Main {

    Main() {}

    public static void main(String... args) {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "serve" -> ServeCommand.run(rest);
            case "render" -> RenderCommand.main(rest);
            case "failover-state" ->
                    System.exit(FailoverStateCommand.run(List.of(rest), System.out, System.err));
            case "probe" -> System.exit(ProbeCommand.run(rest, System.out, System.err));
            case "agent" -> System.exit(AgentCommand.run(Map.of(), System.err));
            case "help", "--help", "-h" -> usage();
            default -> {
                System.err.println("unknown command: " + args[0]);
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.err.println(
                """
                usage: netbox-dhcpd <command> [options]

                commands:
                  serve     run the service: NetBox webhook intake onto Kafka
                  render    (--netbox | --inventory FILE) --out DIR: render and validate dhcpd.conf offline
                  failover-state  --server HOST [--port 7911] --key-file F --peer NAME
                            read a dhcpd's failover state over OMAPI (exit 0 both normal, 1 not, 2 error)
                  probe     [--netns NAME] --interface IF --probe-subnet CIDR
                            obtain a lease from a dhcpd (readiness); exit 0 on DHCPACK, 1 not, 2 usage
                  agent     run beside dhcpd in its pod: supervise it, /ready /live /state /metrics,
                            POST /restart (settings netbox-dhcpd.agent.*, docs/agent.md)
                  help      show this text
                """);
    }
}
