package dk.npflan.dhcp.command;

import java.net.URI;

/**
 * Where the console commands find {@code serve}: {@code --url}, else {@code
 * http://localhost:<quarkus.http.port>} (the port serve itself listens on, 8080 by default), so a
 * console on serve's host needs no option.
 */
final class ServeUrl {

    static final String PORT_PROPERTY = "quarkus.http.port";
    static final int DEFAULT_PORT = 8080;

    private ServeUrl() {}

    static URI of(String option, CommandContext context) {
        if (option != null && !option.isBlank()) {
            URI uri = URI.create(option.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "--url must be like http://host:8080, got " + option);
            }
            return uri;
        }
        int port =
                context.settings()
                        .getOptionalValue(PORT_PROPERTY, Integer.class)
                        .orElse(DEFAULT_PORT);
        return URI.create("http://localhost:" + port);
    }
}
