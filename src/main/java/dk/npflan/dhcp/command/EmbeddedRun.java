package dk.npflan.dhcp.command;

import dk.npflan.dhcp.backend.BackendSettings;
import dk.npflan.dhcp.netbox.NetBoxSettings;
import dk.npflan.dhcp.pipeline.PipelineSettings;
import dk.npflan.dhcp.rollout.RolloutSettings;
import dk.npflan.dhcp.rollout.local.EmbeddedPair;
import dk.npflan.dhcp.rollout.local.LocalPair;
import dk.npflan.dhcp.rollout.local.LocalPairSettings;
import dk.npflan.dhcp.rollout.local.PairServer;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code serve} adds on embedded defaults (no {@code KAFKA_BOOTSTRAP_SERVERS}) so that it does
 * the whole job on one machine: without {@code NETBOX_URL} an inventory file stands in for NetBox
 * (the sample, copied into the data directory on first run), and unless a rollout target is set,
 * the local failover pair is the target when this machine can run it, or the reason it cannot is
 * said and configs are rendered and checked only. A target set to {@code local} explicitly gets the
 * pair's settings in any run, or a refusal naming what is missing. The pair runs the server {@code
 * netbox-dhcpd.backend} names: dhcpd, or Kea with {@code NETBOX_DHCPD_BACKEND=kea}.
 *
 * @param properties system properties to set before the service boots
 * @param notes what to tell the user, one line each
 * @param refusal why {@code serve} must not start
 */
record EmbeddedRun(Map<String, String> properties, List<String> notes, Optional<String> refusal) {

    static final String SAMPLE_INVENTORY = "embedded/inventory.json";
    static final String TARGET = "netbox-dhcpd.rollout.target";
    static final String INVENTORY_FILE = "netbox-dhcpd.pipeline.inventory-file";
    static final String LOCAL_RUN_DIR = "netbox-dhcpd.rollout.local.run-dir";
    static final String CONSUMER_INSTANCE_ID =
            "mp.messaging.incoming.netbox-events-consumer.group.instance.id";

    /**
     * The listener's static group member id in the embedded run: one listener per data directory,
     * so a {@code serve} started after a {@code kill -9} takes over the dead one's membership (and
     * its uncommitted event) at its first join instead of waiting out its session.
     */
    static final String EMBEDDED_INSTANCE_ID = "netbox-dhcpd-embedded";

    /** The mappings {@link #plan} reads. */
    static final Class<?>[] MAPPINGS = {
        NetBoxSettings.class,
        PipelineSettings.class,
        RolloutSettings.class,
        EmbeddedSettings.class,
        LocalPairSettings.class,
        BackendSettings.class
    };

    /** Mapping defaults come from this source; a value from it is one nobody set. */
    private static final String DEFAULTS_SOURCE = "DefaultValuesConfigSource";

    /**
     * @param config the settings, with {@link #MAPPINGS} loaded
     * @param embeddedBroker whether {@code serve} runs its own broker (the embedded run)
     * @param missingForPair what this machine lacks for the local pair ({@code
     *     LocalPairPrerequisites.missing(pairServer(config))})
     */
    static EmbeddedRun plan(
            SmallRyeConfig config, boolean embeddedBroker, List<String> missingForPair) {
        Map<String, String> properties = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        if (embeddedBroker) {
            if (config.getOptionalValue("NETBOX_DHCPD_CONSUMER_INSTANCE_ID", String.class)
                    .isEmpty()) {
                properties.put(CONSUMER_INSTANCE_ID, EMBEDDED_INSTANCE_ID);
            }
            Optional<String> refusal = inventory(config, properties, notes);
            if (refusal.isPresent()) {
                return new EmbeddedRun(properties, notes, refusal);
            }
        }
        RolloutSettings.Target target = config.getConfigMapping(RolloutSettings.class).target();
        boolean chosen = isSet(config, TARGET);
        if (chosen && target == RolloutSettings.Target.LOCAL && !missingForPair.isEmpty()) {
            return new EmbeddedRun(
                    properties,
                    notes,
                    Optional.of(
                            TARGET
                                    + "=local needs the local failover pair, which cannot run here: "
                                    + String.join("; ", missingForPair)));
        }
        if (!chosen && embeddedBroker) {
            if (missingForPair.isEmpty()) {
                target = RolloutSettings.Target.LOCAL;
            } else {
                notes.add(
                        "no local failover pair, so configs are rendered and checked only, never"
                                + " published: "
                                + String.join("; ", missingForPair)
                                + ". With those, the same command runs a real dhcpd pair and"
                                + " rolls every change out to it.");
            }
        }
        if (target == RolloutSettings.Target.LOCAL) {
            PairServer server = pairServer(config);
            LocalPair.Layout layout = EmbeddedPair.layout(server);
            properties.putAll(LocalPair.configSettings(layout));
            properties.put(TARGET, "local");
            if (embeddedBroker && !isSet(config, LOCAL_RUN_DIR)) {
                properties.put(
                        LOCAL_RUN_DIR,
                        config.getConfigMapping(EmbeddedSettings.class)
                                .dataDir()
                                .resolve("local-pair")
                                .toAbsolutePath()
                                .toString());
            }
            notes.add(
                    "rollout target: the local "
                            + server.pairName()
                            + " ("
                            + server.backend()
                            + " primary and secondary in network namespaces "
                            + layout.prefix()
                            + "p and "
                            + layout.prefix()
                            + "s on "
                            + layout.lan()
                            + "); DHCP clients: ip netns exec nbd-client dhclient -1 -v eth0"
                            + " (subnet "
                            + EmbeddedPair.CLIENT_SUBNET
                            + " behind a relay). Stopping serve removes the pair.");
        }
        return new EmbeddedRun(properties, notes, Optional.empty());
    }

    /** The server the local pair runs: the one {@code netbox-dhcpd.backend} names. */
    static PairServer pairServer(SmallRyeConfig config) {
        return PairServer.forBackend(config.getConfigMapping(BackendSettings.class).kind().name());
    }

    private static Optional<String> inventory(
            SmallRyeConfig config, Map<String, String> properties, List<String> notes) {
        if (config.getConfigMapping(NetBoxSettings.class).url().isPresent()) {
            return Optional.empty();
        }
        Optional<Path> set = config.getConfigMapping(PipelineSettings.class).inventoryFile();
        if (set.isPresent()) {
            notes.add(
                    "NETBOX_URL is not set: the inventory file "
                            + set.get().toAbsolutePath()
                            + " stands in for NetBox; saving a change to it reconciles");
            return Optional.empty();
        }
        Path file =
                config.getConfigMapping(EmbeddedSettings.class)
                        .dataDir()
                        .resolve("inventory.json")
                        .toAbsolutePath();
        String how = "the inventory file " + file;
        if (!Files.exists(file)) {
            try (InputStream sample =
                    EmbeddedRun.class.getClassLoader().getResourceAsStream(SAMPLE_INVENTORY)) {
                if (sample == null) {
                    return Optional.of("the sample inventory is missing from the application");
                }
                Files.createDirectories(file.getParent());
                Files.copy(sample, file);
                how += " (the sample, copied there now)";
            } catch (IOException e) {
                return Optional.of(
                        "cannot copy the sample inventory to "
                                + file
                                + " ("
                                + e.getMessage()
                                + "): set NETBOX_DHCPD_EMBEDDED_DATA_DIR to a writable directory");
            }
        }
        properties.put(INVENTORY_FILE, file.toString());
        notes.add(
                "NETBOX_URL is not set: "
                        + how
                        + " stands in for NetBox; edit it (NetBox's REST shape) and save to change"
                        + " the DHCP config, or set NETBOX_URL and NETBOX_TOKEN for a real NetBox");
        return Optional.empty();
    }

    /** Whether any source sets {@code property}, as opposed to its mapping default. */
    static boolean isSet(SmallRyeConfig config, String property) {
        ConfigValue value = config.getConfigValue(property);
        return value.getRawValue() != null && !DEFAULTS_SOURCE.equals(value.getSourceName());
    }
}
