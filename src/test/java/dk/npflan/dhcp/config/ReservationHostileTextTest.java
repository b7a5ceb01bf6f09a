package dk.npflan.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile MACs and host names never reach dhcpd.conf: each is refused naming its IP address, and
 * every host declaration that is rendered has exactly the four statement shapes we print.
 */
class ReservationHostileTextTest {

    /** What NetBox itself allows in {@code dns_name}, wildcards aside: those may be rendered. */
    private static boolean netBoxHostName(String text) {
        return text.matches("[0-9A-Za-z_-]{1,63}(\\.[0-9A-Za-z_-]{1,63})*");
    }

    private final List<String> corpus = HostileReservations.corpus();
    private final ConfigBuild.Result result =
            HostileReservations.build(corpus, new DhcpdConfigRenderer()::render);

    @Test
    void hostileMacsAndHostNames_areRefusedNamingTheirIpAddress() {
        for (int i = 0; i < corpus.size(); i++) {
            boolean blank = corpus.get(i).isBlank();
            long macId = HostileReservations.MAC_IDS + i;
            long nameId = HostileReservations.NAME_IDS + i;
            assertThat(result.errors())
                    .as("corpus entry %d as MAC", i)
                    .filteredOn(e -> e.object().id() == macId)
                    .extracting(ConfigProblem::kind)
                    .containsExactlyElementsOf(
                            blank ? List.of() : List.of(ConfigProblem.Kind.INVALID_MAC));
            assertThat(result.errors())
                    .as("corpus entry %d as host name", i)
                    .filteredOn(e -> e.object().id() == nameId)
                    .extracting(ConfigProblem::kind)
                    .containsExactlyElementsOf(
                            blank || netBoxHostName(corpus.get(i))
                                    ? List.of()
                                    : List.of(ConfigProblem.Kind.INVALID_HOST_NAME));
        }
    }

    @Test
    void renderedHostDeclarations_haveOnlyOurStatements() {
        String config = result.rendered().config();
        String hosts = config.substring(config.indexOf("\nhost "));

        assertThat(hosts.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")))
                .isNotEmpty()
                .allSatisfy(
                        line ->
                                assertThat(line)
                                        .matches(
                                                "host nbd-ip-\\d+ \\{ # ipam\\.ipaddress \\d+ in"
                                                        + " ipam\\.prefix \\d+"
                                                        + "|    hardware ethernet [0-9a-f:]{17};"
                                                        + "|    fixed-address [0-9.]+;"
                                                        + "|    option host-name \"[0-9A-Za-z_.-]+\";"
                                                        + "|\\}"));
        assertThat(hosts.lines().filter(l -> l.startsWith("host ")))
                .hasSize(
                        (int)
                                corpus.stream()
                                        .filter(t -> t.isBlank() || netBoxHostName(t))
                                        .count());
    }

    @Test
    @Tag("dhcpd")
    void hostileMacsAndHostNames_leaveAConfigRealDhcpdAcceptsForBothRoles() {
        assertThat(
                        TestSettings.syntaxChecker(TestSettings.dhcpd())
                                .check(result.rendered())
                                .roles()
                                .values())
                .allSatisfy(role -> assertThat(role.isValid()).as(role.output()).isTrue());
    }
}
