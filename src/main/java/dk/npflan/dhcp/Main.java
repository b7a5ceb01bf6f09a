package dk.npflan.dhcp;

import dk.npflan.dhcp.command.NetboxDhcpdCommand;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The one entry point behind {@code bin/netbox-dhcpd <command>}; the commands are in {@link
 * NetboxDhcpdCommand}. Only {@code serve} boots Quarkus; the operator commands run as plain Java so
 * that they start in well under a second and never touch Kubernetes ({@code audit} only reads
 * Kafka).
 */
@QuarkusMain
public final class Main {

    Main() {}

    public static void main(String... args) {
        System.exit(NetboxDhcpdCommand.execute(args));
    }
}
