package io.rnnkit.models.kernels;

/**
 * {@link VectorGemm}'s kernel without the Vector API: plain loops that give the vector kernels' bits, since each
 * element of c is the same chain of {@link Math#fma} over k in order, started from zero.
 */
final class ScalarGemm {

    private ScalarGemm() {
    }

    /**
     * c[i, j] = Σ_p a[i, p]·b[p, j] for rows [rowStart, rowEnd) and columns [colStart, colEnd) of c; row i of a
     * starts at {@code a[aOffset + i·aRowStride]}, b and c have row stride {@code stride}. Leaves c as it is when
     * k is 0.
     */
    static void multiplyRange(int rowStart, int rowEnd, int colStart, int colEnd, int k, float[] a, int aOffset,
                              int aRowStride, float[] b, float[] c, int stride) {
        for (int i = rowStart; i < rowEnd; i++) {
            int ci = i * stride;
            int ai = aOffset + i * aRowStride;
            for (int p = 0; p < k; p++) {
                float x = a[ai + p];
                int bp = p * stride;
                if (p == 0) {
                    for (int j = colStart; j < colEnd; j++) {
                        c[ci + j] = Math.fma(b[bp + j], x, 0f);
                    }
                } else {
                    for (int j = colStart; j < colEnd; j++) {
                        c[ci + j] = Math.fma(b[bp + j], x, c[ci + j]);
                    }
                }
            }
        }
    }
}
