package io.rnnkit.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rnnkit.models.kernels.KernelThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GradientNormTest {

    /** Three whole chunks and a tail that is not a whole vector either. */
    private static final int LENGTH = 3 * GradientNorm.CHUNK + 37;

    @AfterEach
    void restorePool() {
        KernelThreads.setShared(null);
    }

    private static INDArray floatGradient(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, 1, LENGTH).subi(0.5).muli(3);
    }

    /** Σ x² of the float values in double, one value at a time. */
    private static double reference(INDArray values) {
        double sum = 0;
        for (float v : values.data().asFloat()) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    @Test
    void floatGradientNormMatchesADoubleSumOfItsValues() {
        INDArray gradient = floatGradient(5);
        double expected = reference(gradient);

        assertThat(GradientNorm.l2(gradient)).isCloseTo(expected, within(expected * 1e-6));
        // a known value: every entry 0.5 gives sqrt(LENGTH) / 2
        assertThat(GradientNorm.l2(Nd4j.valueArrayOf(new long[] {1, LENGTH}, 0.5f)))
                .isCloseTo(Math.sqrt(LENGTH) / 2, within(1e-9));
    }

    @Test
    void theNormIsTheSameBitsOnOneAndThreeThreads() {
        INDArray gradient = floatGradient(6);
        KernelThreads.setShared(KernelThreads.splittingEverything(1));
        double one = GradientNorm.l2(gradient);
        KernelThreads.setShared(KernelThreads.splittingEverything(3));
        double three = GradientNorm.l2(gradient);

        assertThat(Double.doubleToLongBits(three)).isEqualTo(Double.doubleToLongBits(one));
    }

    @Test
    void doubleAndStridedGradientsGoToNd4j() {
        INDArray doubles = floatGradient(7).castTo(DataType.DOUBLE);
        assertThat(GradientNorm.l2(doubles)).isCloseTo(reference(doubles.castTo(DataType.FLOAT)), within(1e-6));

        INDArray matrix = floatGradient(8).reshape(1, LENGTH);
        INDArray everyOther = matrix.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 2, LENGTH));
        double expected = Math.sqrt(everyOther.dup().castTo(DataType.DOUBLE).mul(everyOther.dup().castTo(DataType.DOUBLE))
                .sumNumber().doubleValue());
        assertThat(GradientNorm.l2(everyOther)).isCloseTo(expected, within(expected * 1e-5));
    }
}
