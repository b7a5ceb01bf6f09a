package dk.npflan.dhcp.webhook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookSecretGuardTest {

    @Test
    void noSecret_andUnsignedNotAllowed_refusesToStart() {
        assertThatThrownBy(() -> WebhookSecretGuard.check(settings(Optional.empty(), false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NETBOX_WEBHOOK_SECRET is not set")
                .hasMessageContaining("NETBOX_DHCPD_WEBHOOK_ALLOW_UNSIGNED");
    }

    @Test
    void noSecret_butUnsignedAllowedExplicitly_starts() {
        assertThatCode(() -> WebhookSecretGuard.check(settings(Optional.empty(), true)))
                .doesNotThrowAnyException();
    }

    @Test
    void secretSet_starts() {
        assertThatCode(() -> WebhookSecretGuard.check(settings(Optional.of("s3cret"), false)))
                .doesNotThrowAnyException();
    }

    private static WebhookSettings settings(Optional<String> secret, boolean allowUnsigned) {
        return new WebhookSettings() {
            @Override
            public Optional<String> secret() {
                return secret;
            }

            @Override
            public boolean allowUnsigned() {
                return allowUnsigned;
            }

            @Override
            public MemorySize maxBodySize() {
                return new MemorySize(BigInteger.valueOf(256 * 1024));
            }

            @Override
            public Set<String> objectTypes() {
                return Set.of("ipam.prefix");
            }

            @Override
            public Duration publishTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration retryAfter() {
                return Duration.ofSeconds(30);
            }
        };
    }
}
