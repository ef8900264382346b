package io.rnnkit.models.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float path's one-hot input: selecting rows of W (forward) and adding gate gradients into the hot
 * columns (weight gradient) must give exactly what the dense products give. The reference is the same
 * network with W halved, fed twice the input: not one-hot, so it takes the dense products, and every
 * value it computes is exactly the one-hot run's (the dense W gradient exactly twice the one-hot one, its input gradient half).
 */
class OneHotInputTest {

    private static final int SYMBOLS = 7;
    private static final int HIDDEN = 9;
    private static final int BATCH = 5;
    private static final int STEPS = 6;

    @ParameterizedTest
    @EnumSource(FusedRecurrentLayerImplTest.Cell.class)
    void oneHotRowsGiveTheDenseProductsExactly(FusedRecurrentLayerImplTest.Cell cell) {
        MultiLayerNetwork oneHot = RecurrentTestNets.floatCopy(
                RecurrentTestNets.doubleNet(0, HIDDEN, cell.layer(SYMBOLS, HIDDEN)));
        MultiLayerNetwork dense = oneHot.clone();
        dense.getLayer(0).getParam(FusedRecurrentParamInitializer.INPUT_WEIGHT_KEY).muli(0.5);
        INDArray x = oneHotInput();
        INDArray labels = RecurrentTestNets.oneHotLabels(BATCH, STEPS, 4).castTo(DataType.FLOAT);

        assertExactly("output", oneHot.output(x), dense.output(x.mul(2)), 1);
        Pair<Gradient, INDArray> fromRows = oneHot.calculateGradients(x, labels, null, null);
        Pair<Gradient, INDArray> fromProducts = dense.calculateGradients(x.mul(2), labels, null, null);
        fromRows.getFirst().gradientForVariable().forEach((key, value) -> assertExactly(key,
                value, fromProducts.getFirst().getGradientFor(key), key.equals("0_W") ? 2 : 1));
        assertExactly("input gradient", fromRows.getSecond(), fromProducts.getSecond(), 0.5);
        assertThat(fromRows.getFirst().getGradientFor("0_W").amaxNumber().doubleValue()).isGreaterThan(1e-3);
    }

    @Test
    void recognisesOnlyRowsOfOneOneOrZeros() {
        int[] hot = new int[3];
        assertThat(OneHotRows.find(new float[] {0, 1, 0, 0, 0, 0, 1, 0, 0}, 3, 3, hot)).isTrue();
        assertThat(hot).containsExactly(1, -1, 0);
        assertThat(OneHotRows.find(new float[] {0, 1, 1, 0, 0, 0}, 2, 3, hot)).as("two ones in a row").isFalse();
        assertThat(OneHotRows.find(new float[] {0, 2, 0}, 1, 3, hot)).as("a 2").isFalse();
        assertThat(OneHotRows.find(new float[] {0, 1, Float.NaN}, 1, 3, hot)).as("a NaN").isFalse();
        assertThat(OneHotRows.find(new float[] {-0f, 1, 0}, 1, 3, hot)).as("a negative zero").isTrue();
    }

    /** Random symbols, with two all-zero steps (as padding leaves them). */
    private static INDArray oneHotInput() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, BATCH, SYMBOLS, STEPS);
        java.util.Random random = new java.util.Random(11);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                if (!(b == 1 && t >= STEPS - 2)) {
                    x.putScalar(b, random.nextInt(SYMBOLS), t, 1.0);
                }
            }
        }
        return x;
    }

    /** expected = actual × factor, element by element, with no tolerance (signs of zero aside). */
    private static void assertExactly(String what, INDArray actual, INDArray expected, double factor) {
        float[] a = actual.castTo(DataType.FLOAT).dup().data().asFloat();
        float[] e = expected.castTo(DataType.FLOAT).dup().data().asFloat();
        assertThat(a).as(what).hasSameSizeAs(e);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i] * (float) factor == e[i]).as("%s[%d]: %s × %s against %s", what, i, a[i], factor, e[i])
                    .isTrue();
        }
    }
}
