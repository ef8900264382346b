package io.rnnkit.models.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rnnkit.models.kernels.KernelThreads;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import java.util.Map;
import java.util.function.IntFunction;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The fused layers and the fused softmax output give the same outputs and gradients on one kernel
 * thread and on three with every product and gate block split, and the same bits on the same pool.
 */
class FusedLayersOnManyThreadsTest {

    private static final int BATCH = 7;
    private static final int FEATURES = 5;
    private static final int HIDDEN = 19;
    private static final int CLASSES = 37;
    private static final int STEPS = 6;
    /** The agreement tests' shape: 272 rows, so that the softmax output's products split too. */
    private static final int LONG_BATCH = 16;
    private static final int LONG_STEPS = 17;

    /** The three cells (the GRU in both reset forms), each as a builder of a layer with the given nIn and nOut. */
    enum Cell {
        SIMPLE_RNN(nIn -> new SimpleRnn.Builder().nIn(nIn).nOut(HIDDEN).build()),
        LSTM(nIn -> new Lstm.Builder().nIn(nIn).nOut(HIDDEN).build()),
        GRU(nIn -> new Gru.Builder().nIn(nIn).nOut(HIDDEN).build()),
        GRU_RESET_BEFORE(nIn -> new Gru.Builder().nIn(nIn).nOut(HIDDEN).resetAfter(false).build());

        final IntFunction<Layer> layer;

        Cell(IntFunction<Layer> layer) {
            this.layer = layer;
        }
    }

    @AfterEach
    void restoreConfiguredPool() {
        KernelThreads.setShared(null);
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void floatOutputsAndGradientsAgreeOnOneAndThreeThreads(Cell cell) {
        assertSameOnOneAndThreeThreads(cell, DataType.FLOAT, 1e-6);
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void doubleOutputsAndGradientsAgreeOnOneAndThreeThreads(Cell cell) {
        assertSameOnOneAndThreeThreads(cell, DataType.DOUBLE, 1e-13);
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void gradientsPassTheGradientCheckWithEverySplitTaken(Cell cell) {
        KernelThreads.setShared(KernelThreads.splittingEverything(3));
        MultiLayerNetwork net = RecurrentTestNets.doubleNet(0, HIDDEN, cell.layer.apply(FEATURES),
                cell.layer.apply(HIDDEN));
        INDArray x = RecurrentTestNets.input(BATCH, FEATURES, STEPS, 3);
        INDArray labels = RecurrentTestNets.oneHotLabels(BATCH, STEPS, 4);
        INDArray mask = RecurrentTestNets.trailingMask(BATCH, STEPS);
        assertThat(RecurrentTestNets.gradientsOk(net, x, labels, mask)).isTrue();
    }

    /**
     * Same bits for the recurrent layers (see VectorGemmTest); the softmax output's OpenBLAS products
     * split into row blocks, and OpenBLAS's small-matrix kernels may round those differently, so the
     * comparison allows float (or double) rounding relative to each array's largest entry.
     */
    private static void assertSameOnOneAndThreeThreads(Cell cell, DataType type, double tolerance) {
        KernelThreads.setShared(KernelThreads.ofSize(1));
        Result serial = run(cell, type);
        KernelThreads.setShared(KernelThreads.splittingEverything(3));
        Result split = run(cell, type);
        assertClose("output", split.output(), serial.output(), tolerance);
        assertThat(split.score()).isCloseTo(serial.score(), within(tolerance * Math.abs(serial.score())));
        for (Map.Entry<String, INDArray> entry : serial.gradients().entrySet()) {
            assertClose(entry.getKey(), split.gradients().get(entry.getKey()), entry.getValue(), tolerance);
        }
        KernelThreads.setShared(KernelThreads.splittingEverything(3));
        Result again = run(cell, type);
        assertThat(again.output().data().asDouble()).as("same pool, same bits")
                .containsExactly(split.output().data().asDouble());
        for (Map.Entry<String, INDArray> entry : split.gradients().entrySet()) {
            assertThat(again.gradients().get(entry.getKey()).data().asDouble()).as(entry.getKey())
                    .containsExactly(entry.getValue().data().asDouble());
        }
    }

    private static void assertClose(String what, INDArray actual, INDArray expected, double tolerance) {
        double scale = expected.amaxNumber().doubleValue();
        double worst = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(worst).as(what).isLessThanOrEqualTo(tolerance * scale);
    }

    private record Result(INDArray output, double score, Map<String, INDArray> gradients) {
    }

    private static Result run(Cell cell, DataType type) {
        MultiLayerNetwork net = net(cell, type);
        INDArray x = RecurrentTestNets.input(LONG_BATCH, FEATURES, LONG_STEPS, 3).castTo(type);
        INDArray labels = labels(type, LONG_BATCH, LONG_STEPS);
        INDArray mask = RecurrentTestNets.trailingMask(LONG_BATCH, LONG_STEPS).castTo(type);
        INDArray output = net.output(x, false, mask, mask).dup();
        net.setInput(x);
        net.setLabels(labels);
        net.setLayerMaskArrays(mask, mask);
        net.computeGradientAndScore();
        Map<String, INDArray> gradients = new java.util.TreeMap<>();
        net.gradient().gradientForVariable().forEach((key, value) -> gradients.put(key, value.dup()));
        return new Result(output, net.score(), gradients);
    }

    /** Two layers of the cell and the fused softmax, with seeded weights and non-zero biases. */
    private static MultiLayerNetwork net(Cell cell, DataType type) {
        Nd4j.setDefaultDataTypes(type, type);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(type)
                .seed(11)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(cell.layer.apply(FEATURES))
                .layer(cell.layer.apply(HIDDEN))
                .layer(new SoftmaxCrossEntropyOutput.Builder().nIn(HIDDEN).nOut(CLASSES).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(5);
        net.params().addi(Nd4j.rand(type, net.params().shape()).subi(0.5).muli(0.2));
        return net;
    }

    private static INDArray labels(DataType type, int batch, int steps) {
        INDArray labels = Nd4j.zeros(type, batch, CLASSES, steps);
        java.util.Random random = new java.util.Random(9);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                labels.putScalar(b, random.nextInt(CLASSES), t, 1.0);
            }
        }
        return labels;
    }
}
