package io.rnnkit.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Keras-written files in {@code ../shared/keras}: each imports, as a whole model and as configuration
 * plus weights, and reproduces the predictions Keras stored with it.
 */
class RealKerasFilesTest {

    static final Path DIR = Path.of("").toAbsolutePath().getParent().getParent().resolve("shared/keras");
    static final double TOLERANCE = 1e-5;

    /**
     * Keras stored its predictions as float32, up to 38 in size here; rnnkit's float32 outputs agree within
     * 1e-5 of max(1, |prediction|).
     */
    @ParameterizedTest
    @ValueSource(strings = {"simple_rnn_tf_keras_2", "simple_lstm_tf_keras_1", "simple_flatten_rnn_tf_keras_2",
        "simple_flatten_lstm_tf_keras_2"})
    void reproducesKerasPredictions(String stem) {
        assumeTrue(Files.isDirectory(DIR), "the Keras files are not at " + DIR);
        Stored stored = Stored.read(DIR.resolve(stem + "_inputs_and_outputs.h5"), "predictions");
        for (ComputationGraph graph : bothForms(stem)) {
            INDArray out = graph.outputSingle(stored.input());
            assertThat(out.shape()).isEqualTo(stored.expected().shape());
            assertThat(Transforms.maxScaledDifference(out, stored.expected())).as(stem + " max |rnnkit - keras|"
                    + " / max(1, |keras|)").isLessThanOrEqualTo(TOLERANCE);
        }
    }

    /**
     * simple_lstm_tf_keras_2 stores no predictions, only the training targets (the next value of the series),
     * so it checks that both forms import to the same network, which tracks the targets loosely.
     */
    @Test
    void lstmWithoutStoredPredictionsImportsAlikeFromBothForms() {
        assumeTrue(Files.isDirectory(DIR), "the Keras files are not at " + DIR);
        Stored stored = Stored.read(DIR.resolve("simple_lstm_tf_keras_2_inputs_and_outputs.h5"), "outputs");
        List<ComputationGraph> graphs = bothForms("simple_lstm_tf_keras_2");
        INDArray whole = graphs.get(0).outputSingle(stored.input());
        assertThat(graphs.get(1).outputSingle(stored.input())).isEqualTo(whole);
        assertThat(graphs.get(0).numParams()).isEqualTo(4 * (1 + 50 + 1) * 50 + 50 + 1);
        double meanError = whole.sub(stored.expected()).norm1Number().doubleValue() / whole.length();
        assertThat(meanError).as("mean |prediction - target|").isBetween(0.0, 10.0);
    }

    private static List<ComputationGraph> bothForms(String stem) {
        return List.of(KerasImport.importModel(DIR.resolve(stem + "_model.h5")),
                KerasImport.importModel(DIR.resolve(stem + "_config.json"), DIR.resolve(stem + "_weights.h5")));
    }

    /** A stored input [batch, time, features], as the graph reads it, and Keras's predictions for it. */
    record Stored(INDArray input, INDArray expected) {

        static Stored read(Path file, String expectedGroup) {
            try (KerasH5 h5 = KerasH5.open(file)) {
                INDArray input = h5.dataset(first(h5, "inputs")).array().permute(0, 2, 1).dup('c');
                return new Stored(input, h5.dataset(first(h5, expectedGroup)).array());
            }
        }

        private static String first(KerasH5 h5, String group) {
            return group + "/" + h5.children(group).get(0);
        }
    }
}
