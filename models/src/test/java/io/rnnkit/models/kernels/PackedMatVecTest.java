package io.rnnkit.models.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackedMatVecTest {

    @ParameterizedTest
    @CsvSource({
        "256, 1024",   // an LSTM 256 recurrent product: whole panels
        "256, 65",     // a 65-symbol softmax: one narrower panel with a padded tail
        "65, 768",     // a GRU input product on 65 symbols
        "1, 3",
        "300, 200",    // a whole panel, then a narrower one
        "7, 129"})
    void givesVectorGemmsBitsAndZeroPadding(int k, int n) {
        Random random = new Random(k * 31L + n);
        float[][] b = new float[k][n];
        for (float[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        float[] a = new float[k];
        for (int p = 0; p < k; p++) {
            a[p] = (float) random.nextGaussian();
        }
        PackedMatVec packed = new PackedMatVec(b);
        int stride = VectorGemm.paddedColumns(n);
        assertThat(packed.paddedColumns()).isEqualTo(stride);
        float[] expected = new float[stride];
        VectorGemm.multiply(1, n, k, a, VectorGemm.rowMajorPadded(b), expected);
        float[] c = new float[stride];
        java.util.Arrays.fill(c, Float.NaN);
        packed.multiply(a, c);
        assertThat(c).containsExactly(expected);
        for (int j = n; j < stride; j++) {
            assertThat(c[j]).as("padding column %d", j).isZero();
        }
        KernelThreads.setShared(KernelThreads.splittingEverything(3));
        try {
            float[] split = new float[stride];
            packed.multiply(a, split);
            assertThat(split).as("panels split over 3 threads").containsExactly(c);
        } finally {
            KernelThreads.setShared(null);
        }
        double direct = 0;
        for (int p = 0; p < k; p++) {
            direct += (double) a[p] * b[p][n - 1];
        }
        assertThat((double) c[n - 1]).isCloseTo(direct, org.assertj.core.data.Offset.offset(1e-4 * Math.sqrt(k)));
    }
}
