package io.rnnkit.models;

import io.rnnkit.models.layers.GateActivation;
import io.rnnkit.models.layers.Gru;
import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.SimpleRnn;
import io.rnnkit.models.layers.SingleStreamStepper;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Runs every kernel of the fused layers on fixed networks and writes what they computed, so that a JVM without the
 * Vector API (scalar kernels) and one with it can be compared ({@link VectorApiTest}): outputs, score, every
 * parameter gradient and the input gradient of a double and a float network of all cells, and the float
 * network's heap stepper. Sizes fill whole vectors and leave tails: hidden 13 and 19, 37 classes.
 */
public final class KernelPathProbe {

    static final int FEATURES = 7;
    static final int CLASSES = 37;
    static final int BATCH = 3;
    static final int STEPS = 6;

    private KernelPathProbe() {
    }

    /** Writes the numbers to the file named by the only argument: one block per quantity, as {@link #run} lists. */
    public static void main(String[] args) throws IOException {
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            write(run(), out);
        }
    }

    /** The probed quantities, in a fixed order: for DOUBLE then FLOAT, output, score, gradient, input gradient. */
    static List<double[]> run() {
        List<double[]> results = new ArrayList<>();
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            MultiLayerNetwork net = net(type);
            INDArray x = oneHotInput(type);
            INDArray labels = oneHotLabels(type);
            results.add(net.output(x).dup().data().asDouble());
            net.setInput(x);
            net.setLabels(labels);
            net.computeGradientAndScore();
            results.add(new double[] {net.score()});
            Pair<Gradient, INDArray> gradients = net.calculateGradients(x, labels, null, null);
            results.add(gradients.getFirst().gradient().dup().data().asDouble());
            results.add(gradients.getSecond().dup().data().asDouble());
            if (type == DataType.FLOAT) {
                results.add(stepped(net));
            }
        }
        return results;
    }

    /** SimpleRnn tanh and ReLU, LSTM and GRU with sigmoid and hard-sigmoid gates, GRU reset before, fused softmax. */
    static MultiLayerNetwork net(DataType type) {
        Nd4j.setDefaultDataTypes(type, type);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(type)
                .seed(12)
                .updater(new NoOp())
                .weightInit(new NormalDistribution(0, 0.5))
                .list()
                .layer(new SimpleRnn.Builder().nIn(FEATURES).nOut(13).activation(Activation.TANH).build())
                .layer(new SimpleRnn.Builder().nIn(13).nOut(19).activation(Activation.RELU).build())
                .layer(new Lstm.Builder().nIn(19).nOut(13).build())
                .layer(new Lstm.Builder().nIn(13).nOut(19).gateActivation(GateActivation.HARD_SIGMOID).build())
                .layer(new Gru.Builder().nIn(19).nOut(13).build())
                .layer(new Gru.Builder().nIn(13).nOut(19).gateActivation(GateActivation.HARD_SIGMOID).build())
                .layer(new Gru.Builder().nIn(19).nOut(13).resetAfter(false).build())
                .layer(new SoftmaxCrossEntropyOutput.Builder().nIn(13).nOut(CLASSES).build())
                .build());
        net.init();
        Nd4j.getRandom().setSeed(13);
        net.params().addi(Nd4j.rand(type, net.params().shape()).subi(0.5).muli(0.2));
        return net;
    }

    private static INDArray oneHotInput(DataType type) {
        INDArray x = Nd4j.zeros(type, BATCH, FEATURES, STEPS);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                x.putScalar(b, (b * 5 + t * 3) % FEATURES, t, 1.0);
            }
        }
        return x;
    }

    private static INDArray oneHotLabels(DataType type) {
        INDArray labels = Nd4j.zeros(type, BATCH, CLASSES, STEPS);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                labels.putScalar(b, (b * 11 + t * 7) % CLASSES, t, 1.0);
            }
        }
        return labels;
    }

    /** The heap stepper's probabilities after each symbol of one sequence. */
    private static double[] stepped(MultiLayerNetwork net) {
        SingleStreamStepper stepper = SingleStreamStepper.tryCompile(net).orElseThrow();
        double[] all = new double[FEATURES * CLASSES];
        for (int symbol = 0; symbol < FEATURES; symbol++) {
            System.arraycopy(stepper.step(symbol), 0, all, symbol * CLASSES, CLASSES);
        }
        return all;
    }

    private static void write(List<double[]> results, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(results.size());
        for (double[] values : results) {
            data.writeInt(values.length);
            for (double v : values) {
                data.writeDouble(v);
            }
        }
        data.flush();
    }
}
