package io.rnnkit.models.regularization;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

class TiedEmbeddingsTest {

    /** More words than one 64-row block of the in-place sum. */
    private static final int VOCABULARY = 70;
    private static final int WIDTH = 6;
    private static final int OUTPUT = 2;

    private static MultiLayerNetwork net(IUpdater updater) {
        return net(updater, DataType.FLOAT);
    }

    private static MultiLayerNetwork net(IUpdater updater, DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(type).seed(5)
                .updater(updater).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(VOCABULARY).nOut(WIDTH)
                        .outputDataFormat(RNNFormat.NCW).build())
                .layer(new Lstm.Builder().nIn(WIDTH).nOut(WIDTH).build())
                .layer(new SoftmaxCrossEntropyOutput.Builder().nIn(WIDTH).nOut(VOCABULARY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray words(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, 4, 1, 7).muli(VOCABULARY - 0.01).castTo(DataType.INT32).castTo(DataType.FLOAT);
    }

    private static INDArray embedding(MultiLayerNetwork net) {
        return net.getLayer(0).getParam("W");
    }

    private static INDArray output(MultiLayerNetwork net) {
        return net.getLayer(OUTPUT).getParam("W");
    }

    /** Float takes the blocked in-place sum over the gradient buffer; double ND4J's transposed add. */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void theTiedGradientIsTheSumOfBothUses(DataType type) {
        MultiLayerNetwork untied = net(new Sgd(0.1), type);
        MultiLayerNetwork tied = untied.clone();
        TiedEmbeddings listener = TiedEmbeddings.tie(tied, 0, OUTPUT);
        untied.getLayer(OUTPUT).setParam("W", output(tied).dup());
        INDArray x = words(1).castTo(type);
        INDArray y = words(2).castTo(type);

        untied.setInput(x);
        untied.setLabels(y);
        untied.computeGradientAndScore();
        INDArray embeddingGradient = untied.gradient().getGradientFor("0_W").dup();
        INDArray outputGradient = untied.gradient().getGradientFor(OUTPUT + "_W").dup();
        tied.setInput(x);
        tied.setLabels(y);
        tied.computeGradientAndScore();
        listener.onGradientCalculation(tied);

        INDArray expected = embeddingGradient.add(outputGradient.transpose());
        assertThat(embeddingGradient.amaxNumber().doubleValue()).as("the embedding gets a gradient").isGreaterThan(1e-4);
        assertThat(outputGradient.amaxNumber().doubleValue()).isGreaterThan(1e-4);
        assertThat(tied.gradient().getGradientFor("0_W")).isEqualTo(expected);
        assertThat(tied.gradient().getGradientFor(OUTPUT + "_W")).isEqualTo(expected.transpose());
    }

    @Test
    void bothCopiesStayBitIdenticalThroughTraining() {
        for (IUpdater updater : new IUpdater[] {new Sgd(0.5), new Adam(0.01)}) {
            MultiLayerNetwork net = net(updater);
            net.addListeners(TiedEmbeddings.tie(net, 0, OUTPUT));
            INDArray start = embedding(net).dup();
            for (int step = 0; step < 20; step++) {
                net.fit(words(10 + step), words(100 + step));
            }
            assertThat(embedding(net)).as("trained").isNotEqualTo(start);
            assertThat(output(net)).as(updater.toString()).isEqualTo(embedding(net).transpose());
        }
    }
}
