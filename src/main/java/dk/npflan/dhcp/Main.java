package dk.npflan.dhcp;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * The one entry point behind {@code bin/netbox-dhcpd <command>}. Only {@code serve} boots Quarkus;
 * the operator commands run as plain Java so that they start in well under a second and never touch
 * Kafka or Kubernetes.
 */
@QuarkusMain
public final class Main {

    private Main() {}

    public static void main(String... args) {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "serve" -> Quarkus.run(rest);
            case "render" -> RenderCommand.main(rest);
            case "help", "--help", "-h" -> usage();
            default -> {
                System.err.println("unknown command: " + args[0]);
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.err.println("""
                usage: netbox-dhcpd <command> [options]

                commands:
                  serve     run the service: NetBox webhook intake onto Kafka
                  render    (--netbox | --inventory FILE) --out DIR: render and validate dhcpd.conf offline
                  help      show this text
                """);
    }
}
