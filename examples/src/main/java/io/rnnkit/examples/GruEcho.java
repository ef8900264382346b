package io.rnnkit.examples;

import io.rnnkit.models.layers.Gru;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Trains a two-layer network of rnnkit's GRU on a delayed echo: at each step, output the symbol seen two steps
 * earlier. A network that cannot remember scores ln 4 ≈ 1.39 nats per step.
 */
public final class GruEcho {

    static final int SYMBOLS = 4;
    static final int DELAY = 2;
    static final int STEPS = 20;
    static final int BATCH = 32;

    private GruEcho() {
    }

    /** GRU(32) → GRU(32) → fused softmax cross-entropy over the symbols. */
    public static MultiLayerNetwork network(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(0.01))
                .list()
                .layer(new Gru.Builder().nIn(SYMBOLS).nOut(32).build())
                .layer(new Gru.Builder().nIn(32).nOut(32).build())
                .layer(new SoftmaxCrossEntropyOutput.Builder().nIn(32).nOut(SYMBOLS).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * A batch of random symbol sequences: features one-hot [batch, symbols, time], labels the class index
     * [batch, 1, time] of the symbol {@link #DELAY} steps earlier, masked out for the first steps.
     */
    public static DataSet batch(Random random) {
        INDArray features = Nd4j.zeros(DataType.FLOAT, BATCH, SYMBOLS, STEPS);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, 1, STEPS);
        INDArray labelMask = Nd4j.ones(DataType.FLOAT, BATCH, STEPS);
        for (int b = 0; b < BATCH; b++) {
            int[] symbols = random.ints(STEPS, 0, SYMBOLS).toArray();
            for (int t = 0; t < STEPS; t++) {
                features.putScalar(new int[] {b, symbols[t], t}, 1.0);
                if (t < DELAY) {
                    labelMask.putScalar(b, t, 0.0);
                } else {
                    labels.putScalar(new int[] {b, 0, t}, symbols[t - DELAY]);
                }
            }
        }
        return new DataSet(features, labels, null, labelMask);
    }

    /** Trains {@code net} on {@code iterations} fresh batches and returns its {@link #loss} on an unseen batch. */
    public static double train(MultiLayerNetwork net, int iterations, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < iterations; i++) {
            net.fit(batch(random));
        }
        return loss(net, batch(new Random(seed + 1)));
    }

    /** Cross-entropy in nats per labelled step (DL4J's score sums the steps of a sequence). */
    public static double loss(MultiLayerNetwork net, DataSet batch) {
        return net.score(batch) / (STEPS - DELAY);
    }

    /** Prints the loss before and after training. */
    public static void main(String[] args) {
        MultiLayerNetwork net = network(42);
        double before = loss(net, batch(new Random(43)));
        double after = train(net, 300, 42);
        System.out.printf("loss per step: %.4f before training, %.4f after%n", before, after);
    }
}
