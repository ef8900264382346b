package io.rnnkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnnkit.core.train.ToyNetworks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class ClassificationMetricsTest {

    @Test
    void summarizesAccuracyAndPerClassPrecisionAndRecall() {
        Evaluation evaluation = new Evaluation(2);
        // Actual classes 0,0,1,1; predicted 0,1,1,1.
        evaluation.eval(Nd4j.create(new double[][] {{1, 0}, {1, 0}, {0, 1}, {0, 1}}),
                Nd4j.create(new double[][] {{0.9, 0.1}, {0.2, 0.8}, {0.1, 0.9}, {0.3, 0.7}}));

        Map<String, Double> metrics = ClassificationMetrics.summarize(evaluation);

        assertThat(metrics.get("accuracy")).isCloseTo(0.75, within(1e-12));
        assertThat(metrics.get("precision_0")).isCloseTo(1.0, within(1e-12));
        assertThat(metrics.get("recall_0")).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.get("precision_1")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(metrics.get("recall_1")).isCloseTo(1.0, within(1e-12));
        // macro averages over the two classes
        assertThat(metrics.get("precision")).isCloseTo((1.0 + 2.0 / 3) / 2, within(1e-12));
        assertThat(metrics.get("recall")).isCloseTo(0.75, within(1e-12));
        assertThat(ClassificationMetrics.confusionCounts(evaluation)).isEqualTo(new int[][] {{1, 1}, {0, 2}});
    }

    @Test
    void evaluatePoolsBatchesOfWholeSequenceLabels() {
        // three classes; the identity network's scores are the features: predicted 2, 0 | 1
        DataSet first = new DataSet(Nd4j.create(new double[][] {{0.1, 0.2, 0.7}, {0.5, 0.3, 0.2}}),
                Nd4j.create(new double[][] {{0, 0, 1}, {0, 1, 0}}));
        DataSet second = new DataSet(Nd4j.create(new double[][] {{0.2, 0.6, 0.2}}), Nd4j.create(new double[][] {{0, 1, 0}}));

        Evaluation evaluation = ClassificationMetrics.evaluate(ToyNetworks.identity(3, false),
                ToyNetworks.iterator(List.of(first, second)));

        assertThat(evaluation.accuracy()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(ClassificationMetrics.confusionCounts(evaluation)).isEqualTo(new int[][] {{0, 0, 0}, {1, 1, 0}, {0, 0, 1}});
    }

    @Test
    void evaluateSkipsMaskedStepsOfPerStepLabels() {
        // one sequence of three steps, classes 0, 1, 1; predicted 0, 0, 1; the wrong middle step is masked
        DataSet sequence = new DataSet(Nd4j.create(new double[] {0.8, 0.6, 0.3, 0.2, 0.4, 0.7}, new long[] {1, 2, 3}, 'c'),
                Nd4j.create(new double[] {1, 0, 0, 0, 1, 1}, new long[] {1, 2, 3}, 'c'),
                null, Nd4j.create(new double[] {1, 0, 1}, new long[] {1, 3}, 'c'));

        Evaluation evaluation = ClassificationMetrics.evaluate(ToyNetworks.identity(2, true), ToyNetworks.iterator(List.of(sequence)));

        assertThat(evaluation.getNumRowCounter()).isEqualTo(2);
        assertThat(evaluation.accuracy()).isEqualTo(1.0);
    }

    @Test
    void noBatchesIsAnError() {
        assertThatThrownBy(() -> ClassificationMetrics.evaluate(ToyNetworks.identity(2, false), ToyNetworks.iterator(List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no evaluation data: the iterator produced no batches");
    }
}
