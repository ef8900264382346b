package io.rnnkit.keras;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The models in {@code fixtures/}, which TensorFlow.js built and ran (GRU with reset_after=False, LSTM and
 * SimpleRNN over up to 30 steps, bidirectional, stacked, embeddings, masks), and the GRUs with reset_after=True
 * that PyTorch's nn.GRU ran ({@code torch_gru_*}): imported from the whole-model {@code .h5} and from
 * configuration plus weights, rnnkit's outputs match the references within 1e-5.
 */
class TfjsReferenceTest {

    static final Path FIXTURES = Path.of("fixtures");
    static final double TOLERANCE = 1e-5;

    static Stream<String> models() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("_io.json"))
                    .map(n -> n.substring(0, n.length() - "_io.json".length())).sorted().toList().stream();
        }
    }

    @Test
    void everyFixtureIsThere() throws IOException {
        assertThat(models()).hasSize(22);
    }

    @ParameterizedTest
    @MethodSource("models")
    void matchesTensorFlowJs(String name) throws IOException {
        JsonNode io = new ObjectMapper().readTree(FIXTURES.resolve(name + "_io.json").toFile());
        INDArray input = array(io.get("inputs"), io.get("input_shape"));
        INDArray expected = array(io.get("outputs"), io.get("output_shape"));
        if (input.rank() == 3) {
            input = input.permute(0, 2, 1).dup('c');
        }
        List<ComputationGraph> forms = List.of(KerasImport.importModel(FIXTURES.resolve(name + "_model.h5")),
                KerasImport.importModel(FIXTURES.resolve(name + "_config.json"), FIXTURES.resolve(name + "_weights.h5")));
        for (ComputationGraph graph : forms) {
            INDArray out = graph.outputSingle(input);
            if (out.rank() == 3) {
                out = out.permute(0, 2, 1);
            }
            assertThat(out.shape()).isEqualTo(expected.shape());
            assertThat(Transforms.maxAbsDifference(out, expected)).as(name + " max |rnnkit - tfjs|")
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    private static INDArray array(JsonNode values, JsonNode shape) {
        float[] data = new float[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) values.get(i).asDouble();
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asLong();
        }
        return Nd4j.create(data, dims, 'c');
    }
}
