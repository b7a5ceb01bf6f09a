package dk.npflan.dhcp.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.CommandConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRunTest {

    private static final List<String> CAN_RUN_THE_PAIR = List.of();
    private static final List<String> NOT_ROOT =
            List.of("the local pair needs root (running as uid 1000): run serve as root");

    @TempDir Path dir;

    private EmbeddedRun plan(
            Map<String, String> env, boolean embeddedBroker, List<String> missing) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("NETBOX_DHCPD_EMBEDDED_DATA_DIR", dir.toString());
        return EmbeddedRun.plan(
                CommandConfiguration.load(all, Map.of(), EmbeddedRun.MAPPINGS),
                embeddedBroker,
                missing);
    }

    @Test
    void firstEmbeddedRun_copiesTheSampleAndTargetsTheLocalPair() throws Exception {
        EmbeddedRun run = plan(Map.of(), true, CAN_RUN_THE_PAIR);

        Path inventory = dir.resolve("inventory.json").toAbsolutePath();
        assertThat(run.refusal()).isEmpty();
        assertThat(run.properties())
                .containsEntry(EmbeddedRun.INVENTORY_FILE, inventory.toString())
                .containsEntry(EmbeddedRun.TARGET, "local")
                .containsEntry("netbox-dhcpd.config.failover.primary.address", "nbd-local-p.test")
                .containsEntry("netbox-dhcpd.config.failover.secondary.address", "nbd-local-s.test")
                .as("the pair keeps what a restarted serve needs to adopt it in the data directory")
                .containsEntry(
                        EmbeddedRun.LOCAL_RUN_DIR,
                        dir.resolve("local-pair").toAbsolutePath().toString());
        JsonNode sample = new ObjectMapper().readTree(inventory.toFile());
        assertThat(sample.path("prefixes").findValuesAsText("prefix")).contains("198.18.100.0/24");
        assertThat(run.notes())
                .anySatisfy(
                        n -> assertThat(n).contains(inventory + " (the sample, copied there now)"))
                .anySatisfy(
                        n ->
                                assertThat(n)
                                        .contains("ip netns exec nbd-client dhclient -1 -v eth0"));
    }

    @Test
    void embeddedRunWithKeaBackend_targetsALocalKeaPair_whosePeerUrlsAreItsAddresses() {
        EmbeddedRun run = plan(Map.of("NETBOX_DHCPD_BACKEND", "kea"), true, CAN_RUN_THE_PAIR);

        assertThat(run.refusal()).isEmpty();
        assertThat(run.properties())
                .containsEntry(EmbeddedRun.TARGET, "local")
                .containsEntry("netbox-dhcpd.kea.peers.primary.url", "http://198.18.92.1:8000/")
                .containsEntry("netbox-dhcpd.kea.peers.secondary.url", "http://198.18.92.2:8000/")
                .containsEntry("netbox-dhcpd.kea.ha.heartbeat-delay", "PT1S")
                .containsEntry("netbox-dhcpd.config.probe-subnet.network", "198.18.93.0/27")
                .containsEntry("netbox-dhcpd.config.server-network.network", "198.18.92.0/24")
                .as("dhcpd's failover settings are not Kea's")
                .doesNotContainKey("netbox-dhcpd.config.failover.primary.address");
        assertThat(run.notes())
                .anySatisfy(
                        n ->
                                assertThat(n)
                                        .contains(
                                                "the local Kea HA pair (kea primary and secondary")
                                        .contains("ip netns exec nbd-client dhclient -1 -v eth0"));
    }

    @Test
    void embeddedRun_listenerIsAStaticGroupMemberUnderAFixedId() {
        assertThat(plan(Map.of(), true, CAN_RUN_THE_PAIR).properties())
                .containsEntry(EmbeddedRun.CONSUMER_INSTANCE_ID, "netbox-dhcpd-embedded");
        assertThat(
                        plan(
                                        Map.of("NETBOX_DHCPD_CONSUMER_INSTANCE_ID", "mine"),
                                        true,
                                        CAN_RUN_THE_PAIR)
                                .properties())
                .as("an id set by the user is kept")
                .doesNotContainKey(EmbeddedRun.CONSUMER_INSTANCE_ID);
        assertThat(plan(Map.of(), false, CAN_RUN_THE_PAIR).properties())
                .as("with an external broker the pod name is the id")
                .doesNotContainKey(EmbeddedRun.CONSUMER_INSTANCE_ID);
    }

    @Test
    void laterRun_keepsTheEditedInventory() throws Exception {
        Path inventory = dir.resolve("inventory.json");
        Files.writeString(inventory, "{\"prefixes\": [], \"ip_ranges\": []}");

        EmbeddedRun run = plan(Map.of(), true, CAN_RUN_THE_PAIR);

        assertThat(inventory).hasContent("{\"prefixes\": [], \"ip_ranges\": []}");
        assertThat(run.notes()).noneMatch(n -> n.contains("copied"));
        assertThat(run.properties())
                .containsEntry(EmbeddedRun.INVENTORY_FILE, inventory.toAbsolutePath().toString());
    }

    @Test
    void machineCannotRunThePair_rendersOnlyAndSaysWhyAndHowToGetTheRest() {
        EmbeddedRun run = plan(Map.of(), true, NOT_ROOT);

        assertThat(run.refusal()).isEmpty();
        assertThat(run.properties()).doesNotContainKey(EmbeddedRun.TARGET);
        assertThat(run.notes())
                .anySatisfy(
                        n ->
                                assertThat(n)
                                        .contains("rendered and checked only")
                                        .contains(NOT_ROOT.get(0)));
    }

    @Test
    void targetChosenExplicitly_isKept() {
        EmbeddedRun run =
                plan(Map.of("NETBOX_DHCPD_ROLLOUT_TARGET", "none"), true, CAN_RUN_THE_PAIR);

        assertThat(run.properties()).doesNotContainKey(EmbeddedRun.TARGET);
        assertThat(run.notes()).noneMatch(n -> n.contains("local failover pair"));
    }

    @Test
    void localChosenButImpossible_refusesNamingWhatIsMissing() {
        EmbeddedRun run = plan(Map.of("NETBOX_DHCPD_ROLLOUT_TARGET", "local"), false, NOT_ROOT);

        assertThat(run.refusal())
                .hasValueSatisfying(
                        r ->
                                assertThat(r)
                                        .startsWith("netbox-dhcpd.rollout.target=local needs")
                                        .contains(NOT_ROOT.get(0)));
    }

    @Test
    void localChosenWithAnExternalBroker_getsThePairsSettingsButNoSampleInventory() {
        EmbeddedRun run =
                plan(Map.of("NETBOX_DHCPD_ROLLOUT_TARGET", "local"), false, CAN_RUN_THE_PAIR);

        assertThat(run.properties())
                .containsEntry(EmbeddedRun.TARGET, "local")
                .doesNotContainKey(EmbeddedRun.INVENTORY_FILE);
        assertThat(dir.resolve("inventory.json")).doesNotExist();
    }

    @Test
    void netBoxUrlSet_noInventoryFile() {
        EmbeddedRun run =
                plan(Map.of("NETBOX_URL", "https://netbox.example.org"), true, CAN_RUN_THE_PAIR);

        assertThat(run.properties()).doesNotContainKey(EmbeddedRun.INVENTORY_FILE);
        assertThat(dir.resolve("inventory.json")).doesNotExist();
    }

    @Test
    void inventoryFileSet_isUsedAsItIs() {
        Path own = dir.resolve("mine.json");
        EmbeddedRun run =
                plan(Map.of("NETBOX_DHCPD_INVENTORY_FILE", own.toString()), true, CAN_RUN_THE_PAIR);

        assertThat(run.properties()).doesNotContainKey(EmbeddedRun.INVENTORY_FILE);
        assertThat(dir.resolve("inventory.json")).doesNotExist();
        assertThat(run.notes()).anySatisfy(n -> assertThat(n).contains(own.toString()));
    }

    @Test
    void productionRun_externalBrokerAndNothingChosen_changesNothing() {
        EmbeddedRun run = plan(Map.of(), false, CAN_RUN_THE_PAIR);

        assertThat(run.properties()).isEmpty();
        assertThat(run.notes()).isEmpty();
        assertThat(run.refusal()).isEmpty();
    }

    @Test
    void unwritableDataDir_refusesNamingTheSetting() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        EmbeddedRun run =
                plan(
                        Map.of("NETBOX_DHCPD_EMBEDDED_DATA_DIR", file.resolve("sub").toString()),
                        true,
                        CAN_RUN_THE_PAIR);

        assertThat(run.refusal())
                .hasValueSatisfying(
                        r ->
                                assertThat(r)
                                        .startsWith("cannot copy the sample inventory")
                                        .contains("NETBOX_DHCPD_EMBEDDED_DATA_DIR"));
    }
}
