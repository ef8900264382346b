package io.rnnkit.models.layers.output;

import io.rnnkit.models.layers.Lstm;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Tiny recurrent networks and sequence data for the output layer tests. */
final class OutputTestNets {

    static final int FEATURES = 3;
    static final int HIDDEN = 4;
    static final int CLASSES = 5;

    private OutputTestNets() {
    }

    /** Which recurrent layer feeds the output layer. */
    enum Recurrent { LSTM, SIMPLE_RNN }

    static Layer fused() {
        return fused(CLASSES);
    }

    static Layer fused(int classes) {
        return new SoftmaxCrossEntropyOutput.Builder().nIn(HIDDEN).nOut(classes).build();
    }

    static Layer stock() {
        return stock(CLASSES);
    }

    static Layer stock(int classes) {
        return new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW).nIn(HIDDEN).nOut(classes).build();
    }

    /** Recurrent layer → output, NoOp updater, N(0, 0.5) weights, optional L2; initialized, with non-zero biases. */
    static MultiLayerNetwork net(DataType type, Recurrent recurrent, Layer output, double l2) {
        Nd4j.setDefaultDataTypes(type, type);
        Layer first = recurrent == Recurrent.LSTM ? new Lstm.Builder().nIn(FEATURES).nOut(HIDDEN).build()
                : new SimpleRnn.Builder().nIn(FEATURES).nOut(HIDDEN).activation(Activation.TANH).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(type)
                .seed(7)
                .updater(new NoOp())
                .l2(l2)
                .weightInit(new NormalDistribution(0, 0.5))
                .list()
                .layer(first)
                .layer(output)
                .build());
        net.init();
        Nd4j.getRandom().setSeed(11);
        net.params().addi(Nd4j.rand(type, net.params().shape()).subi(0.5).muli(0.2));
        return net;
    }

    static INDArray input(DataType type, int batch, int steps) {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.randn(type, batch, FEATURES, steps);
    }

    static int[][] targets(int batch, int steps) {
        return targets(batch, steps, CLASSES);
    }

    static int[][] targets(int batch, int steps, int classes) {
        Random random = new Random(5);
        int[][] targets = new int[batch][steps];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                targets[b][t] = random.nextInt(classes);
            }
        }
        return targets;
    }

    static INDArray indexLabels(DataType type, int[][] targets) {
        INDArray labels = Nd4j.zeros(type, targets.length, 1, targets[0].length);
        for (int b = 0; b < targets.length; b++) {
            for (int t = 0; t < targets[0].length; t++) {
                labels.putScalar(b, 0, t, targets[b][t]);
            }
        }
        return labels;
    }

    static INDArray oneHotLabels(DataType type, int[][] targets) {
        return oneHotLabels(type, targets, CLASSES);
    }

    static INDArray oneHotLabels(DataType type, int[][] targets, int classes) {
        INDArray labels = Nd4j.zeros(type, targets.length, classes, targets[0].length);
        for (int b = 0; b < targets.length; b++) {
            for (int t = 0; t < targets[0].length; t++) {
                labels.putScalar(b, targets[b][t], t, 1.0);
            }
        }
        return labels;
    }

    /** Mask [batch, time] with sequence b of length steps - b (trailing padding). */
    static INDArray trailingMask(DataType type, int batch, int steps) {
        INDArray mask = Nd4j.ones(type, batch, steps);
        for (int b = 0; b < batch; b++) {
            for (int t = steps - b; t < steps; t++) {
                mask.putScalar(b, t, 0.0);
            }
        }
        return mask;
    }
}
