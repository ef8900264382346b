package io.rnnkit.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Models exported from PyTorch 1.13 by {@code src/test/resources/pytorch/make_fixtures.py}: imported, fed the
 * recorded input and compared with PyTorch's recorded outputs within 1e-5.
 */
class PyTorchFixturesTest {

    @ParameterizedTest
    @ValueSource(strings = {"char_lstm", "char_gru28", "bigru_classifier", "relu_rnn", "stacked_gru"})
    void matchesPyTorch(String name) throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/pytorch/" + name + ".onnx").toURI()).getParent();
        OnnxModel model = OnnxModel.load(dir.resolve(name + ".onnx"));
        Map<String, INDArray> inputs = new HashMap<>();
        List<String> names = model.inputNames();
        for (int i = 0; i < names.size(); i++) {
            inputs.put(names.get(i), OnnxConformanceTest.read(dir.resolve(name + ".input_" + i + ".pb")));
        }
        Map<String, INDArray> outputs = model.run(inputs);
        List<String> outNames = model.outputNames();
        for (int i = 0; i < outNames.size(); i++) {
            INDArray expected = OnnxConformanceTest.read(dir.resolve(name + ".output_" + i + ".pb"));
            INDArray actual = outputs.get(outNames.get(i));
            assertThat(actual.shape()).as(name + " " + outNames.get(i)).containsExactly(expected.shape());
            double maxDiff = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE))
                    .amaxNumber().doubleValue();
            assertThat(maxDiff).as(name + " " + outNames.get(i) + " max |difference|").isLessThan(1e-5);
        }
    }
}
