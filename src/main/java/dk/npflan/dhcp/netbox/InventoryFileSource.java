package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an inventory from a file holding {@code {"prefixes": [...], "ip_ranges": [...]}} with
 * NetBox REST objects exactly as the endpoints return them, so GitOps pipelines and tests can
 * render offline.
 */
public final class InventoryFileSource implements InventorySource {

    private final Path file;
    private final ObjectMapper json;

    public InventoryFileSource(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    @Override
    public Inventory load() throws InventoryException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InventoryException(
                    InventoryProblem.FILE_UNREADABLE, "inventory file not found: " + file);
        } catch (IOException e) {
            throw new InventoryException(
                    InventoryProblem.FILE_UNREADABLE,
                    "cannot read inventory file " + file + ": " + e.getMessage());
        }
        try {
            Inventory inventory = json.readValue(bytes, Inventory.class);
            if (inventory == null) {
                throw new InventoryException(
                        InventoryProblem.FILE_INVALID,
                        "inventory file "
                                + file
                                + " is empty"
                                + " (expected {\"prefixes\": [...], \"ip_ranges\": [...]})");
            }
            return inventory;
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null
                            ? ""
                            : " at line "
                                    + e.getLocation().getLineNr()
                                    + " column "
                                    + e.getLocation().getColumnNr();
            throw new InventoryException(
                    InventoryProblem.FILE_INVALID,
                    "inventory file "
                            + file
                            + " is not valid inventory JSON"
                            + where
                            + ": "
                            + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InventoryException(
                    InventoryProblem.FILE_UNREADABLE,
                    "cannot read inventory file " + file + ": " + e.getMessage());
        }
    }

    /** The file every load reads. */
    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "inventory file " + file;
    }
}
