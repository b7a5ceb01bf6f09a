package dk.npflan.dhcp.omapi;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.Optional;

/**
 * One lease as dhcpd holds it in memory, looked up by address over OMAPI. Lets tests and the probe
 * check that an address really is bound to the expected client without parsing the lease file.
 *
 * @param address the leased address
 * @param stateCode raw {@code state} code
 * @param mac client hardware address as {@code aa:bb:cc:dd:ee:ff}, when dhcpd has one
 * @param ends lease end time, when set
 */
public record LeaseBinding(
        Inet4Address address, int stateCode, Optional<String> mac, Optional<Instant> ends) {

    public BindingState state() {
        return BindingState.ofCode(stateCode);
    }
}
