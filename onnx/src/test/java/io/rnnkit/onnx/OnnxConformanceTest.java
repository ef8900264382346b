package io.rnnkit.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx.TensorProto;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ONNX project's own backend tests for the recurrent operators, from Debian's {@code libonnx-testdata}
 * (installed by {@code .ci/run}): each model is imported, fed its inputs and compared with its outputs within 1e-5.
 */
class OnnxConformanceTest {

    static final Path NODE_TESTS = Path.of("/usr/share/libonnx-testdata/data/node");

    @ParameterizedTest
    @ValueSource(strings = {"test_lstm_defaults", "test_lstm_batchwise", "test_lstm_with_initial_bias",
        "test_rnn_seq_length", "test_simple_rnn_defaults", "test_simple_rnn_batchwise",
        "test_simple_rnn_with_initial_bias", "test_gru_defaults", "test_gru_batchwise", "test_gru_seq_length",
        "test_gru_with_initial_bias"})
    void matchesTheReferenceOutputs(String test) throws IOException {
        Path dir = testDir(test);
        OnnxModel model = OnnxModel.load(dir.resolve("model.onnx"));
        Path data = dir.resolve("test_data_set_0");
        Map<String, INDArray> inputs = new HashMap<>();
        List<String> names = model.inputNames();
        for (int i = 0; i < names.size(); i++) {
            inputs.put(names.get(i), read(data.resolve("input_" + i + ".pb")));
        }
        Map<String, INDArray> outputs = model.run(inputs);
        List<String> outNames = model.outputNames();
        for (int i = 0; i < outNames.size(); i++) {
            INDArray expected = read(data.resolve("output_" + i + ".pb"));
            INDArray actual = outputs.get(outNames.get(i));
            assertThat(actual.shape()).as(test + " " + outNames.get(i)).containsExactly(expected.shape());
            double maxDiff = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE))
                    .amaxNumber().doubleValue();
            assertThat(maxDiff).as(test + " " + outNames.get(i) + " max |difference|").isLessThan(1e-5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"test_lstm_with_peepholes"})
    void refusesPeepholesNamingTheInput(String test) {
        Path model = testDir(test).resolve("model.onnx");
        assertThatThrownBy(() -> OnnxModel.load(model))
                .isInstanceOf(OnnxImportException.class)
                .hasMessageStartingWith(model + ": node ")
                .hasMessageContaining("(LSTM): input P (peepholes) is not supported")
                .hasMessageNotContaining("\n");
    }

    private static Path testDir(String test) {
        assumeTrue(Files.isDirectory(NODE_TESTS),
                "Debian's libonnx-testdata is not installed (apt-get install libonnx-testdata; .ci/run installs it)");
        return NODE_TESTS.resolve(test);
    }

    static INDArray read(Path pb) throws IOException {
        return OnnxTensors.toArray(TensorProto.parseFrom(Files.readAllBytes(pb)));
    }
}
