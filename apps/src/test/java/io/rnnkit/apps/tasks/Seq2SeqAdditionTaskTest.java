package io.rnnkit.apps.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rnnkit.datasets.generators.Seq2SeqAdditionGenerator;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class Seq2SeqAdditionTaskTest {

    private static final String SYMBOLS = Seq2SeqAdditionGenerator.SYMBOLS;

    /**
     * A decoder that ignores the question and maps the symbol it is fed to the next one of the chain
     * '=' → '1' → '2' → '3' → ' ', so greedy decoding that feeds its guesses back spells "123 ".
     */
    private static ComputationGraph chainDecoder() {
        int v = SYMBOLS.length();
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .graphBuilder()
                .addInputs("question", "decoder")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(v).nOut(v)
                        .activation(Activation.IDENTITY).build(), "decoder")
                .setOutputs("out")
                .allowDisconnected(true)
                .build());
        graph.init();
        INDArray weights = Nd4j.zeros(DataType.DOUBLE, v, v);
        String chain = "=123 ";
        for (int i = 0; i + 1 < chain.length(); i++) {
            weights.putScalar(SYMBOLS.indexOf(chain.charAt(i)), SYMBOLS.indexOf(chain.charAt(i + 1)), 1.0);
        }
        graph.setParam("out_W", weights);
        graph.setParam("out_b", Nd4j.zeros(DataType.DOUBLE, 1, v));
        return graph;
    }

    @Test
    void greedyDecodingFeedsItsGuessesBackAndCountsWholeSumsAndCharacters() {
        // "100+23" = "123 " is decoded right; "1+1" = "2   " gets only its last character right
        List<String> questions = List.of("100+23", "1+1");
        List<String> answers = List.of("123 ", "2   ");
        MultiDataSet batch = new MultiDataSet(
                new INDArray[] {Nd4j.concat(0, questions.stream().map(Seq2SeqAdditionGenerator::encodeQuestion).toArray(INDArray[]::new)),
                        Nd4j.zeros(DataType.FLOAT, 2, SYMBOLS.length(), 4)},
                new INDArray[] {oneHot(answers)},
                new INDArray[] {Nd4j.concat(0, questions.stream().map(Seq2SeqAdditionGenerator::questionMask).toArray(INDArray[]::new)), null},
                null);

        Map<String, Double> metrics = Seq2SeqAdditionTask.score(chainDecoder(), new SingletonMultiDataSetIterator(batch));

        assertThat(metrics.keySet()).containsExactly("accuracy", "char-accuracy");
        assertThat(metrics.get("accuracy")).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.get("char-accuracy")).isCloseTo(5.0 / 8, within(1e-12));
        assertThat(new Seq2SeqAdditionTask().headline(metrics, "test"))
                .isEqualTo("seq2seq-add: test exact-match accuracy 0.5000 (characters 0.6250)");
    }

    private static INDArray oneHot(List<String> texts) {
        INDArray encoded = Nd4j.zeros(DataType.FLOAT, texts.size(), SYMBOLS.length(), texts.get(0).length());
        for (int i = 0; i < texts.size(); i++) {
            for (int t = 0; t < texts.get(i).length(); t++) {
                encoded.putScalar(new long[] {i, SYMBOLS.indexOf(texts.get(i).charAt(t)), t}, 1.0);
            }
        }
        return encoded;
    }
}
