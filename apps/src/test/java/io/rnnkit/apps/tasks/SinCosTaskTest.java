package io.rnnkit.apps.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.generators.SinCosGenerator;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class SinCosTaskTest {

    private static final TaskOptions DEFAULTS = new TaskOptions(0, 0, "", "lsb", null, 42, 1.0);

    @Test
    void scoresOnlyTheSplitsChunksAfterStreamingTheSeriesBeforeThem() {
        SinCosTask task = new SinCosTask();
        TaskData data = task.prepare(DEFAULTS);
        // Predicting sin for cos: the error is sin(t) - cos(t) at the split's own points.
        MultiLayerNetwork identity = IdentityNetwork.perStep(1);

        Map<String, Double> test = task.evaluate(identity, data, "test");
        Map<String, Double> validation = task.evaluate(identity, data, "valid");

        assertThat(test.keySet()).containsExactly("mse", "mae");
        assertThat(test.get("mse")).isCloseTo(meanSquaredSinMinusCos(50, 70), within(1e-6));
        assertThat(test.get("mae")).isCloseTo(meanAbsoluteSinMinusCos(50, 70), within(1e-6));
        assertThat(validation.get("mse")).isCloseTo(meanSquaredSinMinusCos(40, 50), within(1e-6));
        assertThat(task.headline(Map.of("mse", 0.000123456, "mae", 1.0), "test")).isEqualTo("sin-cos: test MSE 0.000123");
    }

    @Test
    void anUnknownSplitIsRefused() {
        SinCosTask task = new SinCosTask();
        assertThatThrownBy(() -> task.evaluate(IdentityNetwork.perStep(1), task.prepare(DEFAULTS), "train"))
                .isInstanceOf(UserInputException.class)
                .hasMessage("--split: choose test or valid, got 'train'");
    }

    private static double meanSquaredSinMinusCos(int fromChunk, int toChunk) {
        double sum = 0;
        for (int k = fromChunk; k < toChunk; k++) {
            for (int j = 0; j < SinCosGenerator.STEPS; j++) {
                double t = SinCosGenerator.time(k, j);
                sum += Math.pow(Math.sin(t) - Math.cos(t), 2);
            }
        }
        return sum / ((toChunk - fromChunk) * SinCosGenerator.STEPS);
    }

    private static double meanAbsoluteSinMinusCos(int fromChunk, int toChunk) {
        double sum = 0;
        for (int k = fromChunk; k < toChunk; k++) {
            for (int j = 0; j < SinCosGenerator.STEPS; j++) {
                double t = SinCosGenerator.time(k, j);
                sum += Math.abs(Math.sin(t) - Math.cos(t));
            }
        }
        return sum / ((toChunk - fromChunk) * SinCosGenerator.STEPS);
    }
}
