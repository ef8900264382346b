package io.rnnkit.models.kernels;

/**
 * {@link VectorGemm}'s kernel without the Vector API: plain loops that give the vector kernels' bits, since each
 * element of c is the same chain of {@link Math#fma} over k in order, started from zero.
 *
 * <p>The loops are shaped for C2's auto-vectorizer, which on JDK 17 vectorizes {@code acc[j] = fma(panel[j], x,
 * acc[j])} only when both arrays are indexed alike: so row p of b is first copied to a panel at index 0, and each of
 * {@value #ROWS} rows of c accumulates in its own array from index 0 (about 6× faster than indexing b and c in place).
 */
final class ScalarGemm {

    /** Rows of c that share one copy of each panel of b. */
    private static final int ROWS = 4;

    private ScalarGemm() {
    }

    /**
     * c[i, j] = Σ_p a[i, p]·b[p, j] for rows [rowStart, rowEnd) and columns [colStart, colEnd) of c; row i of a
     * starts at {@code a[aOffset + i·aRowStride]}, c has row stride {@code stride}, and b the same, or b is packed
     * in panels of {@code panelWidth} columns ({@link VectorGemm#packedLength}). Leaves c as it is when k is 0.
     */
    static void multiplyRange(int rowStart, int rowEnd, int colStart, int colEnd, int k, float[] a, int aOffset,
                              int aRowStride, float[] b, boolean packed, int panelWidth, float[] c, int stride) {
        if (k == 0) {
            return;
        }
        int width = colEnd - colStart;
        float[] panel = new float[width];
        float[][] sums = new float[ROWS][width];
        for (int i0 = rowStart; i0 < rowEnd; i0 += ROWS) {
            int rows = Math.min(ROWS, rowEnd - i0);
            for (int r = 0; r < rows; r++) {
                java.util.Arrays.fill(sums[r], 0f);
            }
            for (int p = 0; p < k; p++) {
                copyRow(b, packed, panelWidth, k, p, colStart, colEnd, stride, panel);
                for (int r = 0; r < rows; r++) {
                    accumulate(panel, a[aOffset + (i0 + r) * aRowStride + p], sums[r], width);
                }
            }
            for (int r = 0; r < rows; r++) {
                System.arraycopy(sums[r], 0, c, (i0 + r) * stride + colStart, width);
            }
        }
    }

    /** Columns [colStart, colEnd) of row p of b into {@code panel}. */
    private static void copyRow(float[] b, boolean packed, int panelWidth, int k, int p, int colStart, int colEnd,
                                int stride, float[] panel) {
        if (!packed) {
            System.arraycopy(b, p * stride + colStart, panel, 0, colEnd - colStart);
            return;
        }
        for (int j = colStart; j < colEnd; j += panelWidth) {
            int panelStart = j / panelWidth * k * panelWidth;
            System.arraycopy(b, panelStart + p * panelWidth, panel, j - colStart, Math.min(panelWidth, colEnd - j));
        }
    }

    /** sum[j] = fma(panel[j], x, sum[j]) for j in [0, width): a loop C2 turns into vector instructions. */
    private static void accumulate(float[] panel, float x, float[] sum, int width) {
        for (int j = 0; j < width; j++) {
            sum[j] = Math.fma(panel[j], x, sum[j]);
        }
    }
}
