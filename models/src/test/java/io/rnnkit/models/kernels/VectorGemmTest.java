package io.rnnkit.models.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VectorGemmTest {

    @ParameterizedTest
    @CsvSource({
        "20, 800, 200",   // the PTB step: full column blocks plus a one-vector tail
        "7, 70, 13",      // row, vector and scalar tails
        "8, 128, 5",
        "1, 3, 1",
        "3, 200, 800",
        "9, 150, 250",    // several k chunks
        "130, 70, 100",   // several row groups, one-row tail with whole column blocks
        "65, 1120, 40",
        "32, 256, 300",   // 6-row blocks then two 4-row blocks
        "22, 90, 30"})
    void matchesTripleLoopProduct(int m, int n, int k) {
        Random random = new Random(m * 31L + n * 7L + k);
        float[] a = new float[m * k];
        int stride = VectorGemm.paddedColumns(n);
        float[] b = new float[k * stride];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
        }
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                b[p * stride + j] = (float) random.nextGaussian();
            }
        }
        float[] c = new float[m * stride];
        VectorGemm.multiply(m, n, k, a, b, c);
        assertThat(worstError(m, n, k, a, b, c, stride)).isLessThan(1e-5);

        // the same a behind an offset of 3, with rows 2 wider than k
        float[] aStrided = new float[3 + m * (k + 2)];
        for (int i = 0; i < m; i++) {
            System.arraycopy(a, i * k, aStrided, 3 + i * (k + 2), k);
        }
        float[] cStrided = new float[m * stride];
        VectorGemm.multiply(m, n, k, aStrided, 3, k + 2, b, cStrided);
        assertThat(worstError(m, n, k, a, b, cStrided, stride)).isLessThan(1e-5);
    }

    @ParameterizedTest
    @CsvSource({
        "20, 800, 200",   // the PTB step: split into column blocks
        "700, 200, 800",  // the PTB input projection: split into row groups
        "200, 700, 800",  // rows short of a group per thread: column blocks
        "130, 1120, 40",
        "33, 650, 300"})
    void everyPoolSizeGivesTheSerialBits(int m, int n, int k) {
        Random random = new Random(m * 17L + n * 5L + k);
        int stride = VectorGemm.paddedColumns(n);
        float[] a = new float[m * k];
        float[] b = new float[k * stride];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
        }
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                b[p * stride + j] = (float) random.nextGaussian();
            }
        }
        assertThat((long) m * stride * k).isGreaterThanOrEqualTo(VectorGemm.PARALLEL_MIN_WORK);
        float[] serial = new float[m * stride];
        VectorGemm.multiply(KernelThreads.ofSize(1), m, n, k, a, 0, k, b, serial);
        for (int size : new int[] {2, 3, 5}) {
            float[] split = new float[m * stride];
            VectorGemm.multiply(KernelThreads.ofSize(size), m, n, k, a, 0, k, b, split);
            assertThat(split).as("%d threads", size).containsExactly(serial);
        }
        assertThat(worstError(m, n, k, a, b, serial, stride)).isLessThan(1e-5);
    }

    @ParameterizedTest
    @CsvSource({
        "32, 1024, 256",  // config C's recurrent product, whole panels
        "32, 256, 1024",  // and its backward product: four k chunks
        "20, 800, 200",   // the PTB step: a one-vector last panel
        "7, 70, 13",      // row, vector and scalar tails
        "1, 3, 1",
        "130, 90, 300"})  // several row groups, split into them
    void packedOperandGivesTheRowMajorBits(int m, int n, int k) {
        Random random = new Random(m * 13L + n * 3L + k);
        int stride = VectorGemm.paddedColumns(n);
        float[] a = new float[m * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
        }
        // b behind an offset of 5 with rows 3 wider than n, and its transpose, dense [n, k]
        float[] bLoose = new float[5 + k * (n + 3)];
        float[] bTransposed = new float[n * k];
        float[] b = new float[k * stride];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                float v = (float) random.nextGaussian();
                bLoose[5 + p * (n + 3) + j] = v;
                bTransposed[j * k + p] = v;
                b[p * stride + j] = v;
            }
        }
        float[] expected = new float[m * stride];
        VectorGemm.multiply(KernelThreads.ofSize(1), m, n, k, a, 0, k, b, expected);

        float[] packed = new float[VectorGemm.packedLength(k, n)];
        java.util.Arrays.fill(packed, Float.NaN); // padding columns must come out zero
        VectorGemm.pack(bLoose, 5, n + 3, k, n, packed);
        float[] packedFromTranspose = new float[packed.length];
        java.util.Arrays.fill(packedFromTranspose, Float.NaN);
        VectorGemm.packTransposed(bTransposed, k, n, packedFromTranspose);
        assertThat(packedFromTranspose).containsExactly(packed);
        for (int size : new int[] {1, 3}) {
            float[] c = new float[m * stride];
            VectorGemm.multiplyPacked(KernelThreads.ofSize(size), m, n, k, a, 0, k, packed, c);
            assertThat(c).as("%d threads", size).containsExactly(expected);
        }
        for (int size : new int[] {1, 3}) {
            float[] byRows = new float[m * stride];
            VectorGemm.multiplyPackedRows(KernelThreads.ofSize(size), 0, m / 2, n, k, a, 0, k, packed, byRows);
            VectorGemm.multiplyPackedRows(KernelThreads.ofSize(size), m / 2, m, n, k, a, 0, k, packed, byRows);
            assertThat(byRows).as("two row ranges on %d threads", size).containsExactly(expected);
        }
        assertThat(worstError(m, n, k, a, b, expected, stride)).isLessThan(1e-5);
    }

    private static double worstError(int m, int n, int k, float[] a, float[] b, float[] c, int stride) {
        double worst = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int p = 0; p < k; p++) {
                    expected += (double) a[i * k + p] * b[p * stride + j];
                }
                worst = Math.max(worst, Math.abs(expected - c[i * stride + j]) / Math.sqrt(k));
            }
        }
        return worst;
    }
}
