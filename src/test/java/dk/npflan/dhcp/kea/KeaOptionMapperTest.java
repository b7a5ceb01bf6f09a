package dk.npflan.dhcp.kea;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.DhcpOption;
import dk.npflan.dhcp.config.DhcpOptions;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.StandardOptions;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every option the shared model can hold reaches Kea. The model is built by reflection, one
 * component set at a time, so a component added to {@link DhcpOptions} without a Kea mapping makes
 * this test fail instead of vanishing silently from the Kea config.
 */
class KeaOptionMapperTest {

    /** What the mapper makes of {@code options}: option names and lifetime keys. */
    private static Set<String> keaKeys(DhcpOptions options) {
        Set<String> keys = new HashSet<>();
        KeaOptionMapper.optionData(options).forEach(o -> keys.add("option " + o.name()));
        if (KeaOptionMapper.validLifetime(options) != null) {
            keys.add("valid-lifetime");
        }
        if (KeaOptionMapper.maxValidLifetime(options) != null) {
            keys.add("max-valid-lifetime");
        }
        return keys;
    }

    /** A sample value of a component's type; fails for a type this test does not know yet. */
    private static Object sample(RecordComponent component) {
        Type type = component.getGenericType();
        Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
        Object value =
                element == Ipv4Address.class
                        ? Ipv4Address.parse("10.1.2.3").orElseThrow()
                        : element == String.class
                                ? "example.org"
                                : element == Long.class
                                        ? 3600L
                                        : element == DhcpOption.class
                                                ? new DhcpOption(
                                                        StandardOptions.find("tftp-server-name")
                                                                .orElseThrow(),
                                                        List.of("tftp.example.org"))
                                                : null;
        assertThat(value).as("sample for " + component).isNotNull();
        return component.getType() == List.class ? List.of(value) : Optional.of(value);
    }

    private static Object empty(RecordComponent component) {
        return component.getType() == List.class ? List.of() : Optional.empty();
    }

    @Test
    void everyDhcpOptionsComponent_setAlone_reachesKeaUnderItsOwnKey() throws Exception {
        RecordComponent[] components = DhcpOptions.class.getRecordComponents();
        Constructor<DhcpOptions> constructor =
                DhcpOptions.class.getDeclaredConstructor(
                        java.util.Arrays.stream(components)
                                .map(RecordComponent::getType)
                                .toArray(Class<?>[]::new));
        assertThat(keaKeys(DhcpOptions.none())).isEmpty();

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < components.length; i++) {
            List<Object> args = new ArrayList<>();
            for (int j = 0; j < components.length; j++) {
                args.add(i == j ? sample(components[j]) : empty(components[j]));
            }
            Set<String> keys = keaKeys(constructor.newInstance(args.toArray()));

            assertThat(keys).as(components[i].getName() + " in Kea").hasSize(1);
            assertThat(seen.addAll(keys))
                    .as(components[i].getName() + " has a key of its own")
                    .isTrue();
        }
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        "option routers",
                        "option domain-name-servers",
                        "option domain-name",
                        "option ntp-servers",
                        "option tftp-server-name",
                        "valid-lifetime",
                        "max-valid-lifetime");
    }

    @Test
    void addressLists_becomeKeasCommaSeparatedData() {
        DhcpOptions options =
                new DhcpOptions(
                        List.of(Ipv4Address.parse("10.0.0.1").orElseThrow()),
                        List.of(
                                Ipv4Address.parse("10.96.5.1").orElseThrow(),
                                Ipv4Address.parse("10.96.5.2").orElseThrow()),
                        Optional.of("npf"),
                        Optional.of(600L),
                        Optional.of(900L),
                        List.of());

        assertThat(KeaOptionMapper.optionData(options))
                .extracting(o -> o.name() + "=" + o.data())
                .containsExactly(
                        "routers=10.0.0.1",
                        "domain-name-servers=10.96.5.1, 10.96.5.2",
                        "domain-name=npf");
        assertThat(KeaOptionMapper.validLifetime(options)).isEqualTo(600L);
        assertThat(KeaOptionMapper.maxValidLifetime(options)).isEqualTo(900L);
    }

    @Test
    void standardOptions_goByKeasName_itemsCommaSeparated() {
        List<DhcpOption> options =
                List.of(
                        new DhcpOption(
                                StandardOptions.find("bootfile-name").orElseThrow(),
                                List.of("pxelinux.0")),
                        new DhcpOption(
                                StandardOptions.find("domain-search").orElseThrow(),
                                List.of("a.example.org", "b.example.org")));

        assertThat(KeaOptionMapper.standard(options))
                .extracting(o -> o.name() + "=" + o.data())
                .containsExactly(
                        "boot-file-name=pxelinux.0", "domain-search=a.example.org, b.example.org");
    }
}
