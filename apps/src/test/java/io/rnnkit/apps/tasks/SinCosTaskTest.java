package io.rnnkit.apps.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.generators.SinCosGenerator;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class SinCosTaskTest {

    @Test
    void scoresOnlyTheSplitsChunksAfterStreamingTheSeriesBeforeThem() {
        SinCosTask task = new SinCosTask();
        TaskData data = task.prepare(CliDefaults.OPTIONS);
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
        assertThatThrownBy(() -> task.evaluate(IdentityNetwork.perStep(1), task.prepare(CliDefaults.OPTIONS), "train"))
                .isInstanceOf(UserInputException.class)
                .hasMessage("--split: choose test or valid, got 'train'");
    }

    private static double meanSquaredSinMinusCos(int fromChunk, int toChunk) {
        return Arrays.stream(sinMinusCos(fromChunk, toChunk)).map(error -> error * error).average().orElseThrow();
    }

    private static double meanAbsoluteSinMinusCos(int fromChunk, int toChunk) {
        return Arrays.stream(sinMinusCos(fromChunk, toChunk)).map(Math::abs).average().orElseThrow();
    }

    /** sin(t) − cos(t) at every point of chunks {@code fromChunk} to {@code toChunk} (exclusive). */
    private static double[] sinMinusCos(int fromChunk, int toChunk) {
        double[] errors = new double[(toChunk - fromChunk) * SinCosGenerator.STEPS];
        for (int k = fromChunk; k < toChunk; k++) {
            for (int j = 0; j < SinCosGenerator.STEPS; j++) {
                double t = SinCosGenerator.time(k, j);
                errors[(k - fromChunk) * SinCosGenerator.STEPS + j] = Math.sin(t) - Math.cos(t);
            }
        }
        return errors;
    }
}
