package io.rnnkit.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.models.layers.Lstm;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** PyTorch's char LSTM rebuilt as a network of rnnkit layers gives PyTorch's probabilities. */
class OnnxLanguageModelTest {

    @Test
    void charLstmBecomesANetworkMatchingPyTorch() throws Exception {
        OnnxLanguageModel lm = OnnxLanguageModel.of(OnnxModel.load(fixture("char_lstm.onnx")));
        assertThat(lm.vocabularySize()).isEqualTo(27);
        assertThat(lm.layerCount()).isEqualTo(2);
        assertThat(lm.cell()).isEqualTo("LSTM");
        INDArray tokens = OnnxConformanceTest.read(fixture("char_lstm.input_0.pb")); // [time 7, batch 3]
        INDArray expected = Transforms.exp(OnnxConformanceTest.read(fixture("char_lstm.output_0.pb")), true);
        for (boolean embeddingLayer : new boolean[] {true, false}) {
            MultiLayerNetwork net = lm.network(embeddingLayer);
            assertThat(net.getLayerWiseConfigurations().getConf(0).getLayer())
                    .isInstanceOf(embeddingLayer ? EmbeddingSequenceLayer.class : Lstm.class);
            INDArray input = embeddingLayer ? Nd4j.zeros(DataType.FLOAT, 3, 1, 7) : Nd4j.zeros(DataType.FLOAT, 3, 27, 7);
            for (int b = 0; b < 3; b++) {
                for (int t = 0; t < 7; t++) {
                    long id = tokens.getLong(t, b);
                    input.putScalar(embeddingLayer ? new long[] {b, 0, t} : new long[] {b, id, t}, embeddingLayer ? id : 1);
                }
            }
            INDArray probabilities = net.output(input).permute(2, 0, 1); // [time, batch, V]
            double maxDiff = probabilities.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE))
                    .amaxNumber().doubleValue();
            assertThat(maxDiff).as("embedding layer " + embeddingLayer).isLessThan(1e-5);
        }
    }

    @Test
    void refusesABidirectionalClassifier() throws Exception {
        Path file = fixture("bigru_classifier.onnx");
        assertThatThrownBy(() -> OnnxLanguageModel.of(OnnxModel.load(file)))
                .isInstanceOf(OnnxImportException.class)
                .hasMessageStartingWith(file + ": node ")
                .hasMessageContaining("(GRU): a language model's recurrent layers run forward; direction bidirectional");
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(OnnxLanguageModelTest.class.getResource("/pytorch/" + name).toURI());
    }
}
