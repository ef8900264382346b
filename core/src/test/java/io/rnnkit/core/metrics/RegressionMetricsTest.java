package io.rnnkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

    @Test
    void computesMeanAbsoluteAndSquaredError() {
        RegressionMetrics metrics = RegressionMetrics.of(new double[] {0, 1, 2, 3}, new double[] {0, 2, 2, 1});

        assertThat(metrics.mae()).isCloseTo(0.75, within(1e-12));
        assertThat(metrics.mse()).isCloseTo(1.25, within(1e-12));
    }
}
