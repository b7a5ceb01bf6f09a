package dk.npflan.dhcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

    @Test
    void aggregationWithMatchersRangeAndOffset_yieldsOnlyTheMetricNames() {
        assertThat(
                        PromQlMetricNames.of(
                                "sum by (namespace, step) (increase(a_total{outcome=~\"halt|x\"}[15m]))"
                                        + " > 0 or sum by (step) (a_total unless b_total offset 15m)"))
                .containsExactly("a_total", "b_total");
    }

    @Test
    void grafanaVariablesAndHistogramQuantile_areNotMetrics() {
        assertThat(
                        PromQlMetricNames.of(
                                "histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket"
                                        + "{namespace=\"$namespace\"}[$__rate_interval])))"))
                .containsExactly("x_seconds_bucket");
    }

    @Test
    void aBareWordOutsideMatchers_countsAsAMetric_soATypoIsCaught() {
        assertThat(PromQlMetricNames.of("max(dhcpd_up) == 1 and upp"))
                .containsExactly("dhcpd_up", "upp");
    }

    @Test
    void labelNamesInOnAndIgnoring_areNotMetrics() {
        assertThat(PromQlMetricNames.of("a / on (pod) group_left (subnet) b"))
                .containsExactly("a", "b");
    }
}
