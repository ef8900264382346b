package io.rnnkit.models.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransposeTest {

    @ParameterizedTest
    @CsvSource({
        "1, 1, 1",
        "3, 40, 1",     // more destination rows than one band, single-thread pool
        "37, 21, 1",    // bands with a short last one
        "37, 21, 3",    // split over every band range of a pool of 3
        "300, 130, 2"})
    void copiesEveryElementToItsTransposedPlaceAndNothingElse(int rows, int cols, int poolSize) {
        int srcStride = cols + 3;
        int dstStride = rows + 5;
        float[] src = new float[2 + rows * srcStride];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                src[2 + i * srcStride + j] = i * 1000 + j;
            }
        }
        float[] dst = new float[1 + cols * dstStride];
        java.util.Arrays.fill(dst, -1f);
        Transpose.copy(KernelThreads.splittingEverything(poolSize), src, 2, srcStride, rows, cols, dst, 1, dstStride);
        assertThat(dst[0]).isEqualTo(-1f);
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < dstStride; i++) {
                float expected = i < rows ? i * 1000 + j : -1f;
                assertThat(dst[1 + j * dstStride + i]).as("dst[%d][%d]", j, i).isEqualTo(expected);
            }
        }
    }
}
