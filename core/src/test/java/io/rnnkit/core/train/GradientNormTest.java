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

    /** Past the heap path's minimum, ending in a tail that is neither a whole chunk nor a whole vector. */
    private static final int LENGTH = (int) GradientNorm.HEAP_MIN_LENGTH + 37;

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
    void smallGradientsKeepNd4jsNormBitForBit() {
        Nd4j.getRandom().setSeed(9);
        INDArray small = Nd4j.rand(DataType.FLOAT, 1, 5000);
        assertThat(GradientNorm.l2(small)).isEqualTo(small.norm2Number().doubleValue());
    }

    @Test
    void doubleAndStridedGradientsGoToNd4j() {
        INDArray doubles = floatGradient(7).castTo(DataType.DOUBLE);
        assertThat(GradientNorm.l2(doubles)).isEqualTo(doubles.norm2Number().doubleValue());

        INDArray everyOther = floatGradient(8).get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 2, LENGTH));
        assertThat(GradientNorm.l2(everyOther)).isEqualTo(everyOther.norm2Number().doubleValue());
    }
}
