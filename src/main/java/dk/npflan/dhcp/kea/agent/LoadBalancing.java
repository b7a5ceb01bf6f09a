package dk.npflan.dhcp.kea.agent;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.probe.ProbeParameters;

/**
 * Which server of a load-balancing Kea pair answers a DHCPv4 client: the HA hook hashes the client
 * identifier, or without one the hardware address, with the Pearson hash of RFC 3074 §6 and takes
 * it modulo the two active servers, the primary being server 0 and the secondary server 1
 * (docs/kea.md, "Load-balancing through the roller"). A peer answers only its own half while both
 * are {@code load-balancing}, so its readiness probe must be a client of that half: with the
 * probe's usual MAC the primary of the lab pair never answered its own probe.
 */
final class LoadBalancing {

    /** RFC 3074 §6, the mixing table: 0–255 in pseudo-random order. */
    private static final int[] MIXING_TABLE = {
        251, 175, 119, 215, 81, 14, 79, 191, 103, 49, 181, 143, 186, 157, 0, 232,
        31, 32, 55, 60, 152, 58, 17, 237, 174, 70, 160, 144, 220, 90, 57, 223,
        59, 3, 18, 140, 111, 166, 203, 196, 134, 243, 124, 95, 222, 179, 197, 65,
        180, 48, 36, 15, 107, 46, 233, 130, 165, 30, 123, 161, 209, 23, 97, 16,
        40, 91, 219, 61, 100, 10, 210, 109, 250, 127, 22, 138, 29, 108, 244, 67,
        207, 9, 178, 204, 74, 98, 126, 249, 167, 116, 34, 77, 193, 200, 121, 5,
        20, 113, 71, 35, 128, 13, 182, 94, 25, 226, 227, 199, 75, 27, 41, 245,
        230, 224, 43, 225, 177, 26, 155, 150, 212, 142, 218, 115, 241, 73, 88, 105,
        39, 114, 62, 255, 192, 201, 145, 214, 168, 158, 221, 148, 154, 122, 12, 84,
        82, 163, 44, 139, 228, 236, 205, 242, 217, 11, 187, 146, 159, 64, 86, 239,
        195, 42, 106, 198, 118, 112, 184, 172, 87, 2, 173, 117, 176, 229, 247, 253,
        137, 185, 99, 164, 102, 147, 45, 66, 231, 52, 141, 211, 194, 206, 246, 238,
        56, 110, 78, 248, 63, 240, 189, 93, 92, 51, 53, 183, 19, 171, 72, 50,
        33, 104, 101, 69, 8, 252, 83, 120, 76, 135, 85, 54, 202, 125, 188, 213,
        96, 235, 136, 208, 162, 129, 190, 132, 156, 38, 47, 1, 7, 254, 24, 4,
        216, 131, 89, 21, 28, 133, 37, 153, 149, 80, 170, 68, 6, 169, 234, 151,
    };

    private LoadBalancing() {}

    /** RFC 3074's hash of {@code key} (the client identifier's data, or the hardware address). */
    static int hash(byte[] key) {
        int hash = key.length & 0xff;
        for (int i = key.length - 1; i >= 0; i--) {
            hash = MIXING_TABLE[hash ^ (key[i] & 0xff)];
        }
        return hash;
    }

    /** The server that answers {@code key} while both are load-balancing. */
    static PeerRole server(byte[] key) {
        return hash(key) % 2 == 0 ? PeerRole.PRIMARY : PeerRole.SECONDARY;
    }

    /**
     * The probe MAC of {@code role}'s server at {@code server}: {@link ProbeParameters#macFor} with
     * its first octet the first locally administered unicast value ({@code 02}, {@code 06}, {@code
     * 0a}, …) that hashes to {@code role}. Fixed per server, so repeated probes renew one lease; in
     * hot-standby, where nothing is hashed, any MAC would do.
     */
    static byte[] probeMac(Ipv4Address server, PeerRole role) {
        byte[] mac = ProbeParameters.macFor(server);
        for (int first = 0x02; first < 0x100; first += 4) {
            mac[0] = (byte) first;
            if (server(mac) == role) {
                return mac;
            }
        }
        // the hash's last step maps the 64 first octets to 64 distinct table values: all of one
        // parity would be needed to get here
        throw new IllegalStateException("no probe MAC of " + server + " hashes to " + role);
    }
}
