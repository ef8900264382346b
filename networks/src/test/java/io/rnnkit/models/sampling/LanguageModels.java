package io.rnnkit.models.sampling;

import io.rnnkit.datasets.text.CharVocabulary;
import io.rnnkit.datasets.text.TextCleaning;
import io.rnnkit.datasets.text.WordVocabulary;
import io.rnnkit.models.layers.Gru;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Tiny character and word language models the sampling tests share. */
final class LanguageModels {

    /** a=0, b=1, c=2 (equal counts, so ids follow code points). */
    static final CharVocabulary ABC = CharVocabulary.build("abc", TextCleaning.NONE, false);
    /** Eight letters, for untrained models whose softmax is close to uniform. */
    static final CharVocabulary LETTERS = CharVocabulary.build("abcdefgh", TextCleaning.NONE, false);
    /** the=0, cat=1, sat=2, &lt;eos&gt;=3, &lt;unk&gt;=4. */
    static final WordVocabulary WORDS = WordVocabulary.fromCounts(Map.of("the", 9, "cat", 8, "sat", 7, "<eos>", 6));

    private LanguageModels() {
    }

    /** LSTM(16) over one-hot input and a {@code head} output (cross-entropy for softmax, else MSE), random weights from {@code seed}. */
    static MultiLayerNetwork oneHotLstm(int symbols, long seed, Activation head) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Adam(0.1)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new LSTM.Builder().nIn(symbols).nOut(16).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(head == Activation.SOFTMAX
                        ? LossFunctions.LossFunction.MCXENT : LossFunctions.LossFunction.MSE)
                        .nIn(16).nOut(symbols).activation(head).build())
                .build());
        net.init();
        return net;
    }

    /** Embedding(8) over word ids, LSTM(16) and a softmax head, with random weights from {@code seed}. */
    static MultiLayerNetwork embeddingLstm(int symbols, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(symbols).nOut(8).build())
                .layer(new LSTM.Builder().nIn(8).nOut(16).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(16).nOut(symbols).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** Embedding(8) over symbol ids, two rnnkit GRU(24) layers and rnnkit's fused softmax, random weights from {@code seed}. */
    static MultiLayerNetwork embeddingRnnkitGru(int symbols, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(symbols).nOut(8).build())
                .layer(new Gru.Builder().nIn(8).nOut(24).build())
                .layer(new Gru.Builder().nIn(24).nOut(24).build())
                .layer(new SoftmaxCrossEntropyOutput.Builder().nIn(24).nOut(symbols).build())
                .build());
        net.init();
        return net;
    }

    /** The one-hot LSTM trained for 40 Adam steps to predict the next symbol of "abcabc...". */
    static MultiLayerNetwork trainedOnAbc() {
        MultiLayerNetwork net = oneHotLstm(3, 12345, Activation.SOFTMAX);
        int length = 30;
        INDArray features = Nd4j.zeros(DataType.FLOAT, 1, 3, length);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 1, 3, length);
        for (int t = 0; t < length; t++) {
            features.putScalar(new long[] {0, t % 3, t}, 1.0);
            labels.putScalar(new long[] {0, (t + 1) % 3, t}, 1.0);
        }
        DataSet data = new DataSet(features, labels);
        for (int step = 0; step < 40; step++) {
            net.fit(data);
        }
        return net;
    }

    /** One-hot [1, V, T] features for {@code ids}. */
    static INDArray oneHot(int symbols, int... ids) {
        INDArray features = Nd4j.zeros(DataType.FLOAT, 1, symbols, ids.length);
        for (int t = 0; t < ids.length; t++) {
            features.putScalar(new long[] {0, ids[t], t}, 1.0);
        }
        return features;
    }
}
