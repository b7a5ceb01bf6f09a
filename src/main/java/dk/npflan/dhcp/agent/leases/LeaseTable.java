package dk.npflan.dhcp.agent.leases;

/**
 * The binding state of every address seen in the lease file, as an open-addressing map from the
 * IPv4 address (an {@code int}) to the state's code (a {@code byte}, {@link
 * dk.npflan.dhcp.omapi.BindingState#code()}). At the 10,000-pool scale the file holds 2.4 million
 * leases: boxed maps would cost ~100 bytes per entry, this costs 5 bytes per slot (about 20 MB at
 * 2.4 million). The number of entries is capped so a hostile file cannot grow it without bound;
 * {@link #put} reports an insert refused at the cap.
 */
public final class LeaseTable {

    /** Receives the entries of {@link #forEach}. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(int address, byte stateCode);
    }

    private static final int MIN_CAPACITY = 1 << 10;
    private static final byte EMPTY = 0;

    private final int maxEntries;
    private int[] keys;
    private byte[] values;
    private int size;
    private int shift;

    /**
     * @param maxEntries most distinct addresses kept; further new addresses are refused
     */
    public LeaseTable(int maxEntries) {
        if (maxEntries < 1 || maxEntries > (1 << 29)) {
            throw new IllegalArgumentException("maxEntries out of range: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        allocate(MIN_CAPACITY);
    }

    /**
     * Sets the state of {@code address}, replacing an earlier one (the last lease in the file
     * wins).
     *
     * @param stateCode a state code, never 0
     * @return false if the address is new and the table is full
     */
    public boolean put(int address, byte stateCode) {
        if (stateCode == EMPTY) {
            throw new IllegalArgumentException("state code 0 is reserved");
        }
        int slot = find(address);
        if (values[slot] != EMPTY) {
            values[slot] = stateCode;
            return true;
        }
        if (size >= maxEntries) {
            return false;
        }
        keys[slot] = address;
        values[slot] = stateCode;
        size++;
        if (size > keys.length / 4 * 3) {
            allocate(keys.length * 2);
        }
        return true;
    }

    /** The state code of {@code address}, or 0 if it has no lease. */
    public byte get(int address) {
        return values[find(address)];
    }

    public int size() {
        return size;
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** Bytes held by the arrays (for the benchmark and the memory bound in the docs). */
    public long footprintBytes() {
        return (long) keys.length * (Integer.BYTES + 1);
    }

    public void clear() {
        size = 0;
        allocate(MIN_CAPACITY);
    }

    public void forEach(EntryConsumer consumer) {
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != EMPTY) {
                consumer.accept(keys[i], values[i]);
            }
        }
    }

    /** The slot holding {@code address}, or the empty slot where it would go. */
    private int find(int address) {
        int mask = keys.length - 1;
        int slot = (address * 0x9E3779B9) >>> shift;
        while (values[slot] != EMPTY && keys[slot] != address) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void allocate(int capacity) {
        int[] oldKeys = keys;
        byte[] oldValues = values;
        keys = new int[capacity];
        values = new byte[capacity];
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
        if (oldKeys == null || size == 0) {
            return;
        }
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != EMPTY) {
                int slot = find(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
