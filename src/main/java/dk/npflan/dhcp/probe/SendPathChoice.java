package dk.npflan.dhcp.probe;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import java.util.Optional;

/**
 * Chooses how the in-namespace probe sends, from the interface's facts and whether a packet socket
 * could be opened. Pure, so the rule is tested without privileges: the packet socket whenever it
 * opens (it works for any addressing); otherwise UDP to the interface's directed broadcast, but
 * only when the interface really has one. Java reports a missing broadcast as 0.0.0.0, and a
 * datagram to 0.0.0.0 is delivered to 127.0.0.1 where dhcpd discards it, so 0.0.0.0 (and any
 * address that is not the broadcast of the interface's own network) is never a target.
 */
final class SendPathChoice {

    /** The decision. */
    sealed interface Choice {
        /** Send frames through the packet socket that was opened. */
        record PacketSocket() implements Choice {}

        /** Fall back to UDP to {@code broadcast}; {@code packetSocketProblem} says why. */
        record UdpBroadcast(Ipv4Address broadcast, String packetSocketProblem) implements Choice {}

        /** Neither path is possible; {@code reason} names both causes. */
        record None(String reason) implements Choice {}
    }

    private SendPathChoice() {}

    static Choice choose(InterfaceFacts facts, Optional<String> packetSocketProblem) {
        if (packetSocketProblem.isEmpty()) {
            return new Choice.PacketSocket();
        }
        Optional<Ipv4Address> broadcast = usableBroadcast(facts);
        if (broadcast.isPresent()) {
            return new Choice.UdpBroadcast(broadcast.get(), packetSocketProblem.get());
        }
        return new Choice.None(
                "no send path: "
                        + packetSocketProblem.get()
                        + ", and "
                        + facts.name()
                        + " ("
                        + facts.address()
                        + "/"
                        + facts.prefixLength()
                        + ") has no broadcast address for the UDP fallback"
                        + facts.broadcast().map(b -> " (reported: " + b + ")").orElse(""));
    }

    /** The interface's broadcast if it is the directed broadcast of its own network. */
    static Optional<Ipv4Address> usableBroadcast(InterfaceFacts facts) {
        int length = facts.prefixLength();
        if (length < 0 || length > 30) {
            return Optional.empty(); // /31 and /32 have no broadcast address
        }
        // a directed broadcast has all host bits set, so this also rules out 0.0.0.0
        Ipv4Address directed = Ipv4Network.containing(facts.address(), length).broadcast();
        return facts.broadcast().filter(b -> b.equals(directed));
    }
}
