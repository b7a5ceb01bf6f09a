package dk.npflan.dhcp.netbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the offline inventory file and the errors an operator sees when it is wrong. */
class InventoryFileSourceTest {

    @TempDir Path dir;

    private Inventory load(Path file) throws InventoryException {
        return new InventoryFileSource(file, new ObjectMapper()).load();
    }

    @Test
    void fixtureFile_readsPrefixesAndRanges() throws Exception {
        Inventory inventory =
                load(Path.of(getClass().getResource("/netbox/selection-inventory.json").toURI()));
        assertThat(inventory.prefixes()).hasSize(7);
        assertThat(inventory.ipRanges()).hasSize(2);
        assertThat(inventory.prefixes().get(0).vrf().name()).isEqualTo("CORP");
        assertThat(inventory.prefixes().get(1).vrf()).isNull();
    }

    @Test
    void missingFile_fileUnreadableNamingPath() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> load(missing))
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e -> assertThat(e.problem()).isEqualTo(InventoryProblem.FILE_UNREADABLE))
                .hasMessageContaining("not found")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void truncatedJson_fileInvalidWithLine() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"prefixes\": [\n  {\"id\": 1,\n");
        assertThatThrownBy(() -> load(file))
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e -> assertThat(e.problem()).isEqualTo(InventoryProblem.FILE_INVALID))
                .hasMessageContaining("not valid inventory JSON at line");
    }

    @Test
    void wrongShape_fileInvalid() throws Exception {
        Path file = Files.writeString(dir.resolve("list.json"), "[1, 2, 3]");
        assertThatThrownBy(() -> load(file))
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e -> assertThat(e.problem()).isEqualTo(InventoryProblem.FILE_INVALID));
    }

    @Test
    void emptyFile_fileInvalid() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.json"), "");
        assertThatThrownBy(() -> load(file))
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e -> assertThat(e.problem()).isEqualTo(InventoryProblem.FILE_INVALID));
    }
}
