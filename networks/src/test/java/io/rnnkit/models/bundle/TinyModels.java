package io.rnnkit.models.bundle;

import io.rnnkit.datasets.text.CharVocabulary;
import io.rnnkit.datasets.text.TextCleaning;
import io.rnnkit.datasets.text.WordVocabulary;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks, vocabularies and metadata the bundle tests share. */
final class TinyModels {

    static final CharVocabulary CHARS = CharVocabulary.build("abcabd", TextCleaning.NONE, false);
    static final WordVocabulary WORDS = WordVocabulary.fromCounts(Map.of("the", 5, "cat", 3, "<eos>", 4));
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private TinyModels() {
    }

    /** LSTM(6) and a softmax over {@code symbols}, seed 7. */
    static MultiLayerNetwork lstm(int symbols) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(0.01)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new LSTM.Builder().nIn(symbols).nOut(6).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(6).nOut(symbols).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** The same shape as {@link #lstm} as a ComputationGraph. */
    static ComputationGraph lstmGraph(int symbols) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(0.01)).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(symbols))
                .addLayer("lstm", new LSTM.Builder().nOut(6).activation(Activation.TANH).build(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(symbols).activation(Activation.SOFTMAX).build(), "lstm")
                .setOutputs("out")
                .build());
        graph.init();
        return graph;
    }

    /** Random [2, symbols, 5] input with a fixed seed. */
    static INDArray input(int symbols) {
        return Nd4j.rand(DataType.FLOAT, 2, symbols, 5);
    }

    /** A one-step training batch (random one-hot-ish labels) so the updater has state. */
    static DataSet batch(int symbols) {
        Nd4j.getRandom().setSeed(11);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 2, symbols, 5);
        for (int t = 0; t < 5; t++) {
            labels.putScalar(new long[] {0, t % symbols, t}, 1.0);
            labels.putScalar(new long[] {1, (t + 1) % symbols, t}, 1.0);
        }
        return new DataSet(input(symbols), labels);
    }

    /** A standardizer fitted on features whose per-column means are 2 and 10. */
    static NormalizerStandardize standardizer() {
        INDArray features = Nd4j.createFromArray(new float[][] {{1, 8}, {3, 12}, {2, 10}});
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(new DataSet(features, features));
        return normalizer;
    }

    static Provenance provenance() {
        return new Provenance("0.1.0-SNAPSHOT", "char-lm", 42, Map.of("timemachine.txt", SHA),
                Instant.parse("2024-05-01T12:30:00Z"), Optional.of("0123abcd"));
    }

    static Map<String, String> spec() {
        return Map.of("cell", "lstm", "hidden", "6", "head", "per-step-classification");
    }

    static Map<String, String> training() {
        return Map.of("optimizer", "adam", "learningRate", "0.01", "note", "two\nlines = ok");
    }
}
