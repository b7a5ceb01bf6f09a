package dk.npflan.dhcp.settings;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * A TCP/UDP port setting: a number from 1 to 65535. Used with {@code @WithConverter} so that a port
 * out of range fails when the settings are loaded, naming the property, rather than when a socket
 * is opened.
 */
public final class PortConverter implements Converter<Integer> {

    private static final long serialVersionUID = 1L;

    @Override
    public Integer convert(String value) {
        String text = value.strip();
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("must be a port from 1 to 65535, got \"" + text + "\"");
    }
}
