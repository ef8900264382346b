package io.rnnkit.models.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.models.kernels.KernelThreads;
import io.rnnkit.models.kernels.VectorGemm;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackedGateGradientsTest {

    @ParameterizedTest
    @CsvSource({
        "3, 4, 200, 1",   // the last panel part-filled
        "5, 2, 64, 3",    // whole panels, stores split over a pool of 3
        "2, 7, 13, 2"})   // narrower than one panel
    void storedStepsAreTheirRowsPackedAsVectorGemmPacksThem(int steps, int batch, int gh, int poolSize) {
        KernelThreads pool = KernelThreads.splittingEverything(poolSize);
        int rows = steps * batch;
        double[][] stepValues = randomSteps(steps, batch, gh, new Random(gh));
        PackedGateGradients gradients = new PackedGateGradients(rows, gh);
        for (int t = steps - 1; t >= 0; t--) {
            // two row ranges, as the time loop's row parts store them
            gradients.store(pool, t * batch, 0, batch / 2, stepValues[t]);
            gradients.store(pool, t * batch, batch / 2, batch, stepValues[t]);
        }
        float[] rowMajor = rowMajorFloats(stepValues, batch, gh);
        float[] expected = new float[VectorGemm.packedLength(rows, gh)];
        VectorGemm.pack(rowMajor, 0, gh, rows, gh, expected);
        assertThat(gradients.packed()).containsExactly(expected);

        float[] unpacked = new float[rows * (gh + 3)];
        gradients.unpack(unpacked, gh + 3);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < gh; j++) {
                assertThat(unpacked[r * (gh + 3) + j]).isEqualTo(rowMajor[r * gh + j]);
            }
        }

        gradients.clear(batch); // the first step's rows only
        float[] cleared = rowMajor.clone();
        java.util.Arrays.fill(cleared, 0, batch * gh, 0f);
        VectorGemm.pack(cleared, 0, gh, rows, gh, expected);
        assertThat(gradients.packed()).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource({"1", "2"})
    void hotRowSumsAddEachRowIntoItsColumnInRowOrder(int poolSize) {
        int steps = 4;
        int batch = 3;
        int gh = 150;
        int nIn = 5;
        int stride = 160;
        int rows = steps * batch;
        double[][] stepValues = randomSteps(steps, batch, gh, new Random(7));
        PackedGateGradients gradients = new PackedGateGradients(rows, gh);
        for (int t = 0; t < steps; t++) {
            gradients.store(KernelThreads.ofSize(1), t * batch, 0, batch, stepValues[t]);
        }
        int[] hot = {2, -1, 0, 2, 4, 2, -1, 1, 0, 2, 4, 4};
        float[] target = new float[nIn * stride];
        java.util.Arrays.fill(target, 9f); // zeroed first
        gradients.sumIntoHotRows(KernelThreads.splittingEverything(poolSize), hot, nIn, target, stride);

        float[] rowMajor = rowMajorFloats(stepValues, batch, gh);
        float[] expected = new float[nIn * stride];
        for (int r = 0; r < rows; r++) {
            if (hot[r] >= 0) {
                for (int j = 0; j < gh; j++) {
                    expected[hot[r] * stride + j] += rowMajor[r * gh + j];
                }
            }
        }
        assertThat(target).containsExactly(expected);
        assertThat(target[3 * stride + 5]).isZero(); // column 3 is hot in no row
    }

    private static double[][] randomSteps(int steps, int batch, int gh, Random random) {
        double[][] values = new double[steps][batch * gh];
        for (double[] step : values) {
            for (int i = 0; i < step.length; i++) {
                step[i] = random.nextGaussian();
            }
        }
        return values;
    }

    private static float[] rowMajorFloats(double[][] stepValues, int batch, int gh) {
        float[] rows = new float[stepValues.length * batch * gh];
        for (int t = 0; t < stepValues.length; t++) {
            for (int i = 0; i < batch * gh; i++) {
                rows[t * batch * gh + i] = (float) stepValues[t][i];
            }
        }
        return rows;
    }
}
