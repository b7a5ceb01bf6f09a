package dk.npflan.dhcp.kea.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.kea.KeaConfigRenderer;
import dk.npflan.dhcp.kea.server.KeaControlAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the agent's Kea daemons run, in {@code netbox-dhcpd.kea.server.run-dir}: {@code
 * kea-dhcp4.json}, this role's file of the bundle last started or applied, and {@code
 * kea-ctrl-agent.json}. kea-dhcp4 is started on the copy, never on the mount, so a restart after a
 * crash runs what ran before, not whatever the ConfigMap holds by then (taking a new config is the
 * rollout's decision). The copy is the role's file with this agent's own local paths put in
 * (control socket, lease file): in a pod they equal the rendered ones; on one machine (a local
 * pair) each peer needs its own. Everything is handled as a JSON tree, so no config text can change
 * the structure.
 */
final class KeaRunFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runDir;
    private final PeerRole role;
    private final Path controlSocket;
    private final Path leaseFile;

    KeaRunFiles(Path runDir, PeerRole role, Path controlSocket, Path leaseFile) {
        this.runDir = runDir;
        this.role = role;
        this.controlSocket = controlSocket;
        this.leaseFile = leaseFile;
    }

    Path dhcp4File() {
        return runDir.resolve("kea-dhcp4.json");
    }

    Path controlAgentFile() {
        return runDir.resolve("kea-ctrl-agent.json");
    }

    /** This role's file of the bundle. */
    String roleFile(RenderedConfig bundle) {
        return bundle.files().get(KeaConfigRenderer.fileName(role));
    }

    /**
     * The value of {@code Dhcp4} this agent runs for {@code bundle}: the role's file with the local
     * control socket and lease file.
     *
     * @throws IllegalArgumentException when the role's file is not a Kea config
     */
    ObjectNode dhcp4(RenderedConfig bundle) {
        JsonNode root;
        try {
            root = JSON.readTree(roleFile(bundle));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    KeaConfigRenderer.fileName(role) + " is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.path("Dhcp4").isObject()) {
            throw new IllegalArgumentException(
                    KeaConfigRenderer.fileName(role) + " has no Dhcp4 object");
        }
        ObjectNode dhcp4 = ((ObjectNode) root.get("Dhcp4")).deepCopy();
        dhcp4.putObject("control-socket")
                .put("socket-type", "unix")
                .put("socket-name", controlSocket.toString());
        JsonNode leases = dhcp4.path("lease-database");
        ObjectNode database =
                leases.isObject() ? (ObjectNode) leases : dhcp4.putObject("lease-database");
        database.put("type", "memfile").put("name", leaseFile.toString());
        return dhcp4;
    }

    /** Writes the config kea-dhcp4 starts on (atomically: a crash never leaves half a file). */
    void writeDhcp4(ObjectNode dhcp4) {
        ObjectNode root = JSON.createObjectNode();
        root.set("Dhcp4", dhcp4);
        write(dhcp4File(), root);
    }

    /** Writes the control agent's config: listen on {@code host:port}, forward to the socket. */
    void writeControlAgent(String host, int port) {
        write(controlAgentFile(), KeaControlAgent.config(host, port, controlSocket));
    }

    /** Where the control agent listens: this peer's URL, or {@code httpHost} when set. */
    static URI listenUrl(URI peerUrl, java.util.Optional<String> httpHost) {
        String host = httpHost.orElse(peerUrl.getHost());
        return URI.create("http://" + host + ":" + peerUrl.getPort() + "/");
    }

    private void write(Path file, JsonNode content) {
        try {
            Files.createDirectories(runDir);
            Path temp = Files.createTempFile(runDir, file.getFileName().toString(), ".tmp");
            Files.writeString(
                    temp,
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(content),
                    StandardCharsets.UTF_8);
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
