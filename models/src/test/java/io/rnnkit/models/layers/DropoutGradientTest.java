package io.rnnkit.models.layers;

import static io.rnnkit.models.layers.LayerParity.maxAbsDiff;
import static io.rnnkit.models.layers.RecurrentTestNets.doubleNet;
import static io.rnnkit.models.layers.RecurrentTestNets.gradientCheck;
import static io.rnnkit.models.layers.RecurrentTestNets.input;
import static io.rnnkit.models.layers.RecurrentTestNets.oneHotLabels;
import static io.rnnkit.models.layers.RecurrentTestNets.trailingMask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.rnnkit.models.layers.FusedRecurrentLayerImplTest.Cell;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Input dropout and variational recurrent dropout of the fused layers: gradients with the masks held
 * fixed, the recurrent mask's shape in time and its scale, inference without dropout, float against
 * double in training.
 */
class DropoutGradientTest {

    private static final long SEED = 12345;
    private static final double INPUT_KEEP = 0.7;
    private static final double RECURRENT_KEEP = 0.6;
    private static final int N_IN = 4;

    /** Which dropout a layer gets. */
    enum Drop {
        INPUT, RECURRENT, BOTH
    }

    static Stream<Arguments> cellsAndDropouts() {
        return Stream.of(Cell.values()).flatMap(cell -> Stream.of(Drop.values()).map(drop -> Arguments.of(cell, drop)));
    }

    private static FusedRecurrentLayer layer(Cell cell, int nIn, int hidden, Drop drop) {
        FusedRecurrentLayer.Builder<?> builder = cell.builder(nIn, hidden);
        if (drop != Drop.RECURRENT) {
            builder.dropOut(INPUT_KEEP);
        }
        if (drop != Drop.INPUT) {
            builder.recurrentDropOut(RECURRENT_KEEP);
        }
        return (FusedRecurrentLayer) builder.build();
    }

    /** Same seed before every training pass, so every pass draws the same masks. */
    private static void reseed() {
        Nd4j.getRandom().setSeed(SEED);
    }

    @ParameterizedTest
    @MethodSource("cellsAndDropouts")
    void gradientsPassWithTheMasksHeldFixed(Cell cell, Drop drop) {
        int hidden = 13;
        // stacked, so that the second layer's input-dropout backward feeds the first layer's gradient
        MultiLayerNetwork net = doubleNet(0, 5, layer(cell, N_IN, hidden, drop), layer(cell, hidden, 5, drop));
        INDArray x = input(3, N_IN, 5, 61);
        INDArray y = oneHotLabels(3, 5, 62);
        INDArray mask = trailingMask(3, 5);
        reseed();
        assertThat(maxAbsDiff(net.output(x, true), net.output(x, false))).as("dropout acts").isGreaterThan(1e-2);
        GradientCheckUtil.MLNConfig check = gradientCheck(net, x, y, mask).callEachIter(n -> reseed());
        assertThat(GradientCheckUtil.checkGradients(check)).isTrue();
    }

    /**
     * The recurrent mask of a training pass, [step][row][unit] for steps 1.., recovered from a
     * SimpleRnn with W = RW = I and b = 0: there atanh(h_t) − x_t = m ⊙ h_{t−1}. Inputs in [0.2, 0.5]
     * keep h_{t−1} ≥ tanh(0.2), so the division is well conditioned.
     */
    private static double[][][] observedRecurrentMask(DataType type, int batch, int hidden, int steps) {
        MultiLayerNetwork net = doubleNet(0, hidden, new SimpleRnn.Builder().nIn(hidden).nOut(hidden)
                .recurrentDropOut(RECURRENT_KEEP).build());
        net.getLayer(0).getParam("W").assign(Nd4j.eye(hidden));
        net.getLayer(0).getParam("RW").assign(Nd4j.eye(hidden));
        net.getLayer(0).getParam("b").assign(0);
        if (type != DataType.DOUBLE) {
            net = net.convertDataType(type);
        }
        Nd4j.getRandom().setSeed(63);
        INDArray x = Nd4j.rand(DataType.DOUBLE, batch, hidden, steps).muli(0.3).addi(0.2).castTo(type);
        reseed();
        INDArray h = net.feedForward(x, true).get(1).castTo(DataType.DOUBLE);
        INDArray xd = x.castTo(DataType.DOUBLE);
        double[][][] masks = new double[steps - 1][batch][hidden];
        for (int t = 1; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < hidden; j++) {
                    double ht = h.getDouble(b, j, t);
                    double atanh = 0.5 * Math.log((1 + ht) / (1 - ht));
                    masks[t - 1][b][j] = (atanh - xd.getDouble(b, j, t)) / h.getDouble(b, j, t - 1);
                }
            }
        }
        return masks;
    }

    @ParameterizedTest
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void recurrentMaskIsOnePerSequenceFixedInTimeAndScaledByInverseKeep(String typeName) {
        DataType type = DataType.valueOf(typeName);
        double tolerance = type == DataType.DOUBLE ? 1e-9 : 1e-4;
        int batch = 4;
        int hidden = 19;
        double[][][] masks = observedRecurrentMask(type, batch, hidden, 6);
        double[][] first = masks[0];
        int kept = 0;
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) {
                double m = first[b][j];
                assertThat(Math.min(Math.abs(m), Math.abs(m - 1 / RECURRENT_KEEP))).as("m[%d][%d] = %s", b, j, m)
                        .isLessThan(tolerance);
                kept += m > 0.5 ? 1 : 0;
                for (double[][] step : masks) {
                    assertThat(step[b][j]).as("unit %d of row %d over time", j, b).isCloseTo(m, offset(tolerance));
                }
            }
            assertThat(first[b]).as("row %d has its own mask", b).isNotEqualTo(first[(b + 1) % batch]);
        }
        assertThat(kept / (double) (batch * hidden)).isBetween(RECURRENT_KEEP - 0.2, RECURRENT_KEEP + 0.2);
        if (type != DataType.DOUBLE) {
            double[][] doubleMask = observedRecurrentMask(DataType.DOUBLE, batch, hidden, 6)[0];
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < hidden; j++) {
                    assertThat(first[b][j]).isCloseTo(doubleMask[b][j], offset(tolerance));
                }
            }
        }
    }

    /**
     * Every cell's training pass equals, row by row, an inference pass with RW's rows scaled by that
     * row's mask: one mask per sequence, on the recurrent input only. The mask depends only on the
     * random state and the [batch, H] shape, so the SimpleRnn probe above recovers it for every cell.
     */
    @ParameterizedTest
    @EnumSource(Cell.class)
    void trainingPassEqualsInferenceWithMaskedRecurrentWeights(Cell cell) {
        int batch = 3;
        int hidden = 13;
        int steps = 6;
        double[][] mask = observedRecurrentMask(DataType.DOUBLE, batch, hidden, 3)[0];
        MultiLayerNetwork dropped = doubleNet(0, hidden, layer(cell, N_IN, hidden, Drop.RECURRENT));
        INDArray x = input(batch, N_IN, steps, 64);
        reseed();
        INDArray training = dropped.feedForward(x, true).get(1);
        for (int b = 0; b < batch; b++) {
            MultiLayerNetwork reference = doubleNet(0, hidden, cell.layer(N_IN, hidden));
            reference.setParams(dropped.params());
            INDArray rw = reference.getLayer(0).getParam("RW");
            rw.muliColumnVector(Nd4j.createFromArray(mask[b]).reshape(hidden, 1));
            INDArray row = x.get(NDArrayIndex.interval(b, b + 1), NDArrayIndex.all(), NDArrayIndex.all()).dup();
            INDArray expected = reference.feedForward(row, false).get(1);
            INDArray actual = training.get(NDArrayIndex.interval(b, b + 1), NDArrayIndex.all(), NDArrayIndex.all());
            assertThat(maxAbsDiff(actual, expected)).as("row %d", b).isLessThan(1e-12);
        }
    }

    @ParameterizedTest
    @MethodSource("cellsAndTypes")
    void inferenceAppliesNoDropout(Cell cell, DataType type) {
        int hidden = 19;
        MultiLayerNetwork plain = doubleNet(0, hidden, cell.layer(N_IN, hidden));
        MultiLayerNetwork dropped = doubleNet(0, hidden, layer(cell, N_IN, hidden, Drop.BOTH));
        dropped.setParams(plain.params());
        if (type != DataType.DOUBLE) {
            plain = plain.convertDataType(type);
            dropped = dropped.convertDataType(type);
        }
        INDArray x = input(3, N_IN, 6, 65).castTo(type);
        INDArray expected = plain.output(x, false);
        reseed();
        assertThat(maxAbsDiff(dropped.output(x, true), expected)).as("training drops").isGreaterThan(1e-2);
        // after a training pass has left its masks in the layer's buffers
        assertThat(dropped.output(x, false)).isEqualTo(expected);
        assertThat(maxAbsDiff(dropped.output(x, false), expected)).isEqualTo(0.0);
        assertThat(maxAbsDiff(dropped.rnnTimeStep(x), plain.rnnTimeStep(x))).isEqualTo(0.0);
    }

    static Stream<Arguments> cellsAndTypes() {
        return Stream.of(Cell.values()).flatMap(cell -> Stream.of(Arguments.of(cell, DataType.DOUBLE),
                Arguments.of(cell, DataType.FLOAT)));
    }

    /** The float path's training-time dropout (both kinds) against the double path, same seed, same masks. */
    @ParameterizedTest
    @EnumSource(Cell.class)
    void floatAgreesWithDoubleInTrainingWithDropout(Cell cell) {
        int hidden = 19;
        MultiLayerNetwork dbl = doubleNet(0, hidden, layer(cell, N_IN, hidden, Drop.BOTH));
        MultiLayerNetwork flt = dbl.convertDataType(DataType.FLOAT);
        MultiLayerNetwork plain = doubleNet(0, hidden, cell.layer(N_IN, hidden));
        plain.setParams(dbl.params());
        INDArray x = input(3, N_IN, 6, 66);
        INDArray y = oneHotLabels(3, 6, 67);
        INDArray mask = trailingMask(3, 6);
        INDArray gradDouble = trainingGradient(dbl, x, y, mask);
        INDArray gradFloat = trainingGradient(flt, x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT),
                mask.castTo(DataType.FLOAT));
        assertThat(gradFloat.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(maxAbsDiff(trainingGradient(plain, x, y, mask), gradDouble)).as("dropout acts").isGreaterThan(1e-2);
        assertThat(Math.abs(flt.score() - dbl.score())).isLessThan(1e-5);
        assertThat(maxAbsDiff(gradFloat.castTo(DataType.DOUBLE), gradDouble)).isLessThan(1e-4);
    }

    private static INDArray trainingGradient(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
        net.setInput(x);
        net.setLabels(y);
        net.setLayerMaskArrays(mask, mask);
        reseed();
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }
}
