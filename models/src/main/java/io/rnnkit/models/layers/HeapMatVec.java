package io.rnnkit.models.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row vector times matrix, y = x·M, on heap floats with the Vector API: the per-token product of
 * {@link SingleStreamStepper}. M is row-major [k, n] with rows padded to {@link VectorGemm#paddedColumns}(n)
 * (padding columns zero), so every row is whole vectors.
 */
final class HeapMatVec {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int BLOCK = 4 * LANES;

    private HeapMatVec() {
    }

    /** y[0, stride) = Σ_p x[p]·M[p, ·] over p &lt; k. */
    static void multiply(float[] x, int k, float[] m, int stride, float[] y) {
        int j = 0;
        for (; j + BLOCK <= stride; j += BLOCK) {
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (int p = 0; p < k; p++) {
                FloatVector s = FloatVector.broadcast(SPECIES, x[p]);
                int row = p * stride + j;
                a0 = FloatVector.fromArray(SPECIES, m, row).fma(s, a0);
                a1 = FloatVector.fromArray(SPECIES, m, row + LANES).fma(s, a1);
                a2 = FloatVector.fromArray(SPECIES, m, row + 2 * LANES).fma(s, a2);
                a3 = FloatVector.fromArray(SPECIES, m, row + 3 * LANES).fma(s, a3);
            }
            a0.intoArray(y, j);
            a1.intoArray(y, j + LANES);
            a2.intoArray(y, j + 2 * LANES);
            a3.intoArray(y, j + 3 * LANES);
        }
        for (; j < stride; j += LANES) {
            FloatVector a = FloatVector.zero(SPECIES);
            for (int p = 0; p < k; p++) {
                a = FloatVector.fromArray(SPECIES, m, p * stride + j).fma(FloatVector.broadcast(SPECIES, x[p]), a);
            }
            a.intoArray(y, j);
        }
    }

    /** A [rows, cols] matrix as row-major floats with rows padded to {@code stride} columns of zeros. */
    static float[] rowMajorPadded(float[][] matrix, int stride) {
        float[] flat = new float[matrix.length * stride];
        for (int r = 0; r < matrix.length; r++) {
            System.arraycopy(matrix[r], 0, flat, r * stride, matrix[r].length);
        }
        return flat;
    }
}
