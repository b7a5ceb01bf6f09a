package dk.npflan.dhcp.netbox;

/**
 * Where an inventory comes from: live NetBox or a file. Both return the raw rows; the same {@link
 * PrefixSelection} is applied afterwards, so a file and NetBox select identically.
 */
public interface InventorySource {

    /** One complete snapshot, or an exception: never a partial inventory. */
    Inventory load() throws InventoryException;

    /** Human-readable origin for messages, e.g. the file path or the NetBox base URL. */
    String describe();
}
