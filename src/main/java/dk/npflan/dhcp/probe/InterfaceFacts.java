package dk.npflan.dhcp.probe;

import dk.npflan.dhcp.config.Ipv4Address;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;

/**
 * What the probe knows about the interface it sends through, exactly as Java reports it: in
 * particular {@code broadcast} is what {@link InterfaceAddress#getBroadcast()} says, which is
 * 0.0.0.0 (not null) when the address has none. {@link SendPathChoice} decides on these facts.
 *
 * @param hardwareAddress the interface's MAC, empty array when it has none
 */
record InterfaceFacts(
        String name,
        int index,
        byte[] hardwareAddress,
        Ipv4Address address,
        int prefixLength,
        Optional<Ipv4Address> broadcast) {

    InterfaceFacts {
        hardwareAddress = hardwareAddress.clone();
    }

    @Override
    public byte[] hardwareAddress() {
        return hardwareAddress.clone();
    }

    /**
     * The facts of {@code name}'s first IPv4 address; empty if missing, down or without IPv4. Java
     * counts an interface without carrier (no IFF_RUNNING) as down, which is right here: frames
     * sent out of it vanish without an error.
     */
    static Optional<InterfaceFacts> read(String name) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(name);
            if (nic == null || !nic.isUp()) {
                return Optional.empty();
            }
            byte[] mac = nic.getHardwareAddress();
            for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                if (a.getAddress() instanceof Inet4Address address) {
                    return Optional.of(
                            new InterfaceFacts(
                                    name,
                                    nic.getIndex(),
                                    mac == null ? new byte[0] : mac,
                                    Ipv4Address.fromInet(address),
                                    a.getNetworkPrefixLength(),
                                    Optional.ofNullable(a.getBroadcast())
                                            .map(b -> Ipv4Address.fromBytes(b.getAddress()))));
                }
            }
            return Optional.empty();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }
}
