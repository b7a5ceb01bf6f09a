package dk.npflan.dhcp.rollout.kubernetes;

import dk.npflan.dhcp.rollout.RolloutControl;
import dk.npflan.dhcp.rollout.RolloutControlCodec;
import dk.npflan.dhcp.rollout.RolloutControlStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The {@link RolloutControl} as annotations of the history ConfigMap (beside the last good bundle,
 * not on the ConfigMap the pods mount): every replica reads the same object through the API server,
 * and writes are optimistic like every other ConfigMap write ({@link ConfigMapWriter}), so two
 * replicas never overwrite each other's pause or held bundle silently.
 */
final class ConfigMapRolloutControl implements RolloutControlStore {

    private static final List<String> KEYS =
            List.of(RolloutControlCodec.PAUSE_KEY, RolloutControlCodec.HELD_KEY);

    private final ConfigMapWriter writer;
    private final String name;
    private final Function<String, Optional<ConfigMap>> reader;

    /**
     * @param reader reads a ConfigMap by name, empty when it does not exist
     */
    ConfigMapRolloutControl(
            ConfigMapWriter writer, Function<String, Optional<ConfigMap>> reader, String name) {
        this.writer = writer;
        this.reader = reader;
        this.name = name;
    }

    @Override
    public RolloutControl read() {
        return reader.apply(name).map(ConfigMapRolloutControl::decode).orElse(RolloutControl.NONE);
    }

    @Override
    public RolloutControl update(UnaryOperator<RolloutControl> change) {
        ConfigMap stored =
                writer.write(
                        name,
                        current -> {
                            RolloutControl before =
                                    current.map(ConfigMapRolloutControl::decode)
                                            .orElse(RolloutControl.NONE);
                            RolloutControl after = change.apply(before);
                            if (after.equals(before)) {
                                return Optional.empty();
                            }
                            return Optional.of(withControl(current, after));
                        });
        return stored == null ? RolloutControl.NONE : decode(stored);
    }

    private static RolloutControl decode(ConfigMap cm) {
        Map<String, String> annotations =
                cm.getMetadata() == null || cm.getMetadata().getAnnotations() == null
                        ? Map.of()
                        : cm.getMetadata().getAnnotations();
        Map<String, String> entries = new HashMap<>();
        for (String key : KEYS) {
            String value = annotations.get(RolloutAnnotations.CONTROL_PREFIX + key);
            if (value != null) {
                entries.put(key, value);
            }
        }
        return RolloutControlCodec.decode(entries);
    }

    private static ConfigMap withControl(Optional<ConfigMap> current, RolloutControl control) {
        ConfigMap next =
                current.map(cm -> new ConfigMapBuilder(cm).build())
                        .orElseGet(
                                () ->
                                        new ConfigMapBuilder()
                                                .withNewMetadata()
                                                .endMetadata()
                                                .build());
        Map<String, String> annotations =
                new LinkedHashMap<>(
                        next.getMetadata().getAnnotations() == null
                                ? Map.of()
                                : next.getMetadata().getAnnotations());
        KEYS.forEach(k -> annotations.remove(RolloutAnnotations.CONTROL_PREFIX + k));
        RolloutControlCodec.encode(control)
                .forEach((k, v) -> annotations.put(RolloutAnnotations.CONTROL_PREFIX + k, v));
        next.getMetadata().setAnnotations(annotations);
        return next;
    }
}
