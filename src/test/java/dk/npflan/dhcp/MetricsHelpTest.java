package dk.npflan.dhcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.kafka.KafkaTestBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every {@code netbox_*} series on {@code /q/metrics} explains itself: a Prometheus user reads the
 * {@code # HELP} line, so a metric registered without a Micrometer {@code description(...)} fails
 * here. Meters created on first use (labelled counters) are made to exist first.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@Tag("slow")
class MetricsHelpTest {

    private static final Pattern HELP = Pattern.compile("(?m)^# HELP (netbox_\\w+) ?(.*)$");
    private static final Pattern TYPE = Pattern.compile("(?m)^# TYPE (netbox_\\w+) ");

    @Test
    void everyNetboxMetric_hasAHelpText() {
        given().contentType("application/json")
                .header("X-Hook-Signature", "00")
                .body("{}")
                .post("/webhooks/netbox")
                .then()
                .statusCode(401);

        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();

        Map<String, String> help = new TreeMap<>();
        Matcher h = HELP.matcher(scrape);
        while (h.find()) {
            help.put(h.group(1), h.group(2).strip());
        }
        Matcher t = TYPE.matcher(scrape);
        int families = 0;
        while (t.find()) {
            families++;
            assertThat(help).as("HELP of " + t.group(1)).containsKey(t.group(1));
        }
        assertThat(families).as("netbox_* families on /q/metrics").isGreaterThanOrEqualTo(3);
        assertThat(help)
                .containsKeys(
                        "netbox_webhooks",
                        "netbox_webhook_duration_seconds",
                        "netbox_webhooks_unsigned");
        assertThat(help).allSatisfy((name, text) -> assertThat(text).as(name).isNotBlank());
    }
}
