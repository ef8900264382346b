package io.rnnkit.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rnnkit.models.layers.FusedRecurrentLayer;
import io.rnnkit.models.layers.GateActivation;
import io.rnnkit.models.layers.Gru;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Options of the imported layers, masks on the real Keras file, configuration-only import and saving. */
class KerasImportOptionsTest {

    @TempDir
    Path dir;

    @Test
    void maskedStepsOfTheRealMaskingFileAreSkippedAtEitherEnd() {
        Path file = RealKerasFilesTest.DIR.resolve("masking_zero_lstm.h5");
        assumeTrue(Files.isRegularFile(file), "the Keras files are not at " + RealKerasFilesTest.DIR);
        ComputationGraph graph = KerasImport.importModel(file);
        Nd4j.getRandom().setSeed(16);
        INDArray steps = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 42, 6).subi(0.5);
        INDArray padded = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 42, 10);
        padded.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.interval(0, 6)).assign(steps.get(NDArrayIndex.point(0)));
        padded.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(4, 10)).assign(steps.get(NDArrayIndex.point(0)));
        INDArray alone = graph.outputSingle(steps);
        INDArray out = graph.outputSingle(padded);
        assertThat(out.shape()).containsExactly(2, 32);
        assertThat(Transforms.maxAbsDifference(out.getRow(0, true), alone)).isLessThan(1e-6);
        assertThat(Transforms.maxAbsDifference(out.getRow(1, true), alone)).isLessThan(1e-6);
        assertThat(alone.amaxNumber().doubleValue()).isGreaterThan(0.01);
    }

    @Test
    void configurationOnlyBidirectionalModelBuildsWithKerasParameterCount() {
        Path file = RealKerasFilesTest.DIR.resolve("bidirectional_lstm_tf_keras_2_config.json");
        assumeTrue(Files.isRegularFile(file), "the Keras files are not at " + RealKerasFilesTest.DIR);
        ComputationGraph graph = KerasImport.importConfiguration(file);
        // Embedding 20000·128, two LSTMs 4·64·(128 + 64 + 1), Dense 100·64 + 1: Keras's model.count_params().
        assertThat(graph.numParams()).isEqualTo(20000L * 128 + 2L * 4 * 64 * (128 + 64 + 1) + 100L * 64 + 1);
        Layer bidirectional = graph.getLayer("bidirectional_1").conf().getLayer();
        assertThat(((Bidirectional) bidirectional).getMode()).isEqualTo(Bidirectional.Mode.ADD);
        INDArray ids = Nd4j.createFromArray(new float[][] {new float[100], new float[100]});
        ids.putScalar(0, 5, 19999);
        INDArray out = graph.outputSingle(ids);
        assertThat(out.shape()).containsExactly(2, 1);
        assertThat(out.minNumber().doubleValue()).isGreaterThan(0.0);
        assertThat(out.maxNumber().doubleValue()).isLessThan(1.0);
    }

    @Test
    void kerasOptionsBecomeLayerOptions() throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                 {"class_name": "GRU", "config": {"name": "gru", "units": 4, "batch_input_shape": [2, 5, 3],
                  "recurrent_activation": "hard_sigmoid", "stateful": true, "dropout": 0.25,
                  "recurrent_dropout": 0.5, "reset_after": true, "return_sequences": true}},
                 {"class_name": "LSTM", "config": {"name": "lstm", "units": 2, "recurrent_activation": "sigmoid"}}]}}
                """);
        ComputationGraph graph = KerasImport.importConfiguration(config);
        Gru gru = (Gru) graph.getLayer("gru").conf().getLayer();
        assertThat(gru.isStateful()).isTrue();
        assertThat(gru.isResetAfter()).isTrue();
        assertThat(gru.getGateActivation()).isEqualTo(GateActivation.HARD_SIGMOID);
        assertThat(gru.getRecurrentDropOut()).isEqualTo(0.5);
        assertThat(gru.getIDropout().toString()).contains("0.75");
        Layer last = ((LayerVertex) graph.getConfiguration().getVertices().get("lstm")).getLayerConf().getLayer();
        assertThat(last).isInstanceOf(LastTimeStep.class);
        FusedRecurrentLayer lstm = (FusedRecurrentLayer) ((BaseWrapperLayer) last).getUnderlying();
        assertThat(lstm.isStateful()).isFalse();
        assertThat(lstm.getGateActivation()).isEqualTo(GateActivation.SIGMOID);
        assertThat(graph.outputSingle(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 5)).shape())
                .containsExactly(2, 2);
    }

    @Test
    void importedGraphSavesAndRestoresWithTheSameOutputs() throws IOException {
        Path fixtures = TfjsReferenceTest.FIXTURES;
        for (String name : new String[] {"lstm_flatten", "lstm_embedding_mask_zero", "gru_go_backwards"}) {
            ComputationGraph graph = KerasImport.importModel(fixtures.resolve(name + "_model.h5"));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(graph, bytes, false);
            ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                    new ByteArrayInputStream(bytes.toByteArray()), false);
            INDArray input = name.contains("embedding") ? Nd4j.createFromArray(new float[][] {{1, 2, 3, 4, 5, 6, 7, 0, 0}})
                    : Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, name.contains("flatten") ? 6 : 8);
            assertThat(restored.outputSingle(input)).as(name).isEqualTo(graph.outputSingle(input));
        }
    }
}
