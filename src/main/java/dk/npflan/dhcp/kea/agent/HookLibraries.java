package dk.npflan.dhcp.kea.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one refusal of {@code kea-dhcp4 -t} that {@code config-set} cannot make safely: a hook
 * library this peer does not have. {@code config-set} unloads the running hooks before it loads the
 * new ones, so a library that fails to open leaves the server on its old subnets without HA
 * (docs/kea.md, {@code SET_FAILED_DEGRADED}); every other error {@code config-set} refuses with the
 * old config kept whole. Checked on the agent, where the libraries must exist, in microseconds.
 */
final class HookLibraries {

    private HookLibraries() {}

    /** The libraries of {@code dhcp4}'s {@code hooks-libraries} that are no readable file here. */
    static List<String> missing(JsonNode dhcp4) {
        List<String> missing = new ArrayList<>();
        for (JsonNode hook : dhcp4.path("hooks-libraries")) {
            String library = hook.path("library").asText("");
            Path path = library.isEmpty() ? null : Path.of(library);
            if (path == null || !Files.isRegularFile(path) || !Files.isReadable(path)) {
                missing.add(library);
            }
        }
        return missing;
    }
}
