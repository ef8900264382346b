package io.rnnkit.models.regularization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

class WordDropoutEmbeddingTest {

    private static final int VOCABULARY = 9;
    private static final int WIDTH = 5;
    private static final long SEED = 777;

    private static MultiLayerNetwork net(double wordKeep, DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(type).seed(4).updater(new NoOp())
                .list()
                .layer(new WordDropoutEmbedding(VOCABULARY, WIDTH, wordKeep))
                .layer(new Lstm.Builder().nIn(WIDTH).nOut(4).build())
                .layer(new SoftmaxCrossEntropyOutput.Builder().nIn(4).nOut(VOCABULARY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray words(int batch, int steps, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randomBernoulli(0.5, batch, 1, steps).castTo(DataType.DOUBLE)
                .muli(Nd4j.rand(DataType.DOUBLE, batch, 1, steps).muli(VOCABULARY - 1)).addi(0.2).castTo(DataType.INT32)
                .castTo(DataType.DOUBLE);
    }

    @Test
    void dropsWholeWordsScaledByOneOverKeepAndInferenceDropsNone() {
        MultiLayerNetwork net = net(0.6, DataType.DOUBLE);
        INDArray x = words(30, 8, 1);
        INDArray plain = net.feedForwardToLayer(0, x, false).get(1);
        Nd4j.getRandom().setSeed(SEED);
        INDArray dropped = net.feedForwardToLayer(0, x, true).get(1);

        Map<Integer, Double> factorOfWord = new HashMap<>();
        for (int b = 0; b < 30; b++) {
            for (int t = 0; t < 8; t++) {
                int word = x.getInt(b, 0, t);
                double factor = dropped.getDouble(b, 0, t) / plain.getDouble(b, 0, t);
                assertThat(factor).satisfiesAnyOf(f -> assertThat(f).isZero(),
                        f -> assertThat(f).isCloseTo(1 / 0.6, within(1e-12)));
                for (int e = 1; e < WIDTH; e++) {
                    assertThat(dropped.getDouble(b, e, t)).isCloseTo(factor * plain.getDouble(b, e, t), within(1e-12));
                }
                Double earlier = factorOfWord.putIfAbsent(word, factor);
                if (earlier != null) {
                    assertThat(factor).as("word %d everywhere in the batch", word).isEqualTo(earlier);
                }
            }
        }
        assertThat(factorOfWord.values()).as("some words dropped, some kept").contains(0.0).anyMatch(f -> f > 1);
        assertThat(net.feedForwardToLayer(0, x, false).get(1)).isEqualTo(plain);
    }

    @Test
    void gradientsPassWithTheWordMaskHeldFixed() {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            checkGradients();
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    private static void checkGradients() {
        MultiLayerNetwork net = net(0.5, DataType.DOUBLE);
        INDArray x = words(3, 6, 2);
        Nd4j.getRandom().setSeed(3);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 3, VOCABULARY, 6);
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < 6; t++) {
                y.putScalar(new int[] {b, (b + 2 * t) % VOCABULARY, t}, 1.0);
            }
        }
        Nd4j.getRandom().setSeed(SEED);
        assertThat(net.output(x, true)).isNotEqualTo(net.output(x, false));
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .callEachIter(n -> Nd4j.getRandom().setSeed(SEED)).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertThat(ok).isTrue();
    }

    @Test
    void configRoundTripsThroughJsonAndRefusesABadKeep() {
        MultiLayerNetwork net = net(0.9, DataType.FLOAT);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertThat(back.getConf(0).getLayer()).isInstanceOf(WordDropoutEmbedding.class)
                .isEqualTo(net.getLayerWiseConfigurations().getConf(0).getLayer());
        assertThat(((WordDropoutEmbedding) back.getConf(0).getLayer()).getWordKeep()).isEqualTo(0.9);
        assertThatThrownBy(() -> new WordDropoutEmbedding(5, 3, 0)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("(0, 1]");
    }
}
