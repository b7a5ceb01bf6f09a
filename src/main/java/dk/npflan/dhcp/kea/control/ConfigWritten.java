package dk.npflan.dhcp.kea.control;

import java.nio.file.Path;

/**
 * What {@code config-write} wrote: Kea's normalised running config (not the text that was sent).
 *
 * @param file the file Kea wrote
 * @param size its size in bytes
 */
public record ConfigWritten(Path file, long size) {}
