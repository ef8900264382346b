package io.rnnkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
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
        assertThat(ClassificationMetrics.confusionCounts(evaluation)).isEqualTo(new int[][] {{1, 1}, {0, 2}});
    }
}
