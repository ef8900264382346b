package io.rnnkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnnkit.core.train.ToyNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class RegressionMetricsTest {

    @Test
    void computesMeanAbsoluteAndSquaredError() {
        RegressionMetrics metrics = RegressionMetrics.of(new double[] {0, 1, 2, 3}, new double[] {0, 2, 2, 1});

        assertThat(metrics.mae()).isCloseTo(0.75, within(1e-12));
        assertThat(metrics.mse()).isCloseTo(1.25, within(1e-12));
    }

    @Test
    void evaluateKeepsOnlyUnmaskedStepsInTimeOrder() {
        // one example, one output, three steps; the identity network predicts its input
        DataSet batch = new DataSet(Nd4j.create(new double[] {1, 5, 3}, new long[] {1, 1, 3}, 'c'),
                Nd4j.create(new double[] {2, 100, 3}, new long[] {1, 1, 3}, 'c'),
                null, Nd4j.create(new double[] {1, 0, 1}, new long[] {1, 3}, 'c'));

        RegressionMetrics metrics = RegressionMetrics.evaluate(ToyNetworks.identity(1, true), ToyNetworks.iterator(List.of(batch)));

        assertThat(metrics.truth()).containsExactly(2.0, 3.0);
        assertThat(metrics.predicted()).containsExactly(1.0, 3.0);
        assertThat(metrics.mae()).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.mse()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void evaluatePoolsBatchesOfPerExampleTargets() {
        DataSet first = new DataSet(Nd4j.create(new double[][] {{1, 0}, {0, 0}}), Nd4j.create(new double[][] {{1, 1}, {0, -2}}));
        DataSet second = new DataSet(Nd4j.create(new double[][] {{4, 4}}), Nd4j.create(new double[][] {{1, 4}}));

        RegressionMetrics metrics = RegressionMetrics.evaluate(ToyNetworks.identity(2, false),
                ToyNetworks.iterator(List.of(first, second)));

        // errors 0, 1, 0, 2, 3, 0 over six values
        assertThat(metrics.mae()).isCloseTo(1.0, within(1e-12));
        assertThat(metrics.mse()).isCloseTo(14.0 / 6, within(1e-12));
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> RegressionMetrics.of(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("predictions: 1 values for 2 targets");
        assertThatThrownBy(() -> RegressionMetrics.of(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no evaluation data: no values to compare");
        DataSet wide = new DataSet(Nd4j.create(new double[][] {{1, 2}}), Nd4j.create(new double[][] {{1, 2, 3}}));
        assertThatThrownBy(() -> RegressionMetrics.evaluate(ToyNetworks.identity(2, false), ToyNetworks.iterator(List.of(wide))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("predictions: shape [1, 2] does not match the labels' [1, 3]");
    }
}
