package io.rnnkit.models.kernels;

import io.rnnkit.models.VectorApi;

/**
 * Float GEMM on heap arrays, for the float fast path of the time loop: the per-step recurrent products
 * ([B, H]×[H, G·H] and back) and the batched ones. With the Vector API it runs {@link VectorGemmBlocks}'
 * register-blocked kernels; on this AVX-512 machine they ran [20×200]×[200×768] about 2.5× faster than
 * the bundled OpenBLAS (whose kernel choice is pinned to Haswell here), and save the JNI round trip.
 * Without the Vector API it runs {@link ScalarGemm}'s plain loops, which give the same bits: every
 * element of c is the same chain of fused multiply-adds over k in order.
 */
public final class VectorGemm {

    /** Floats per vector: rows of b and c are padded to a multiple of it (1, no padding, without the Vector API). */
    private static final int LANES = VectorApi.present() ? VectorGemmBlocks.lanes() : 1;
    /** Columns of c one register block covers: the unit of the column split. */
    private static final int BLOCK_COLUMNS = 4 * LANES;
    /** Rows of c that stay in cache across the k chunks: the unit of the row split. */
    static final int ROW_GROUP = 60;
    /** Multiply-adds below which a product runs serially: a split costs a few microseconds. */
    static final long PARALLEL_MIN_WORK = 1L << 20;
    /** Side of the tiles {@link #packTransposed} copies in. */
    private static final int TRANSPOSE_TILE = 16;

    private VectorGemm() {
    }

    /**
     * A [rows, cols] matrix laid out as {@link #multiply}'s b operand: row-major, rows padded with zeros.
     *
     * @param matrix the rows, all of one length
     * @return the rows one after another, each {@link #paddedColumns}(cols) long
     */
    public static float[] rowMajorPadded(float[][] matrix) {
        int stride = matrix.length == 0 ? 0 : paddedColumns(matrix[0].length);
        float[] flat = new float[matrix.length * stride];
        for (int r = 0; r < matrix.length; r++) {
            System.arraycopy(matrix[r], 0, flat, r * stride, matrix[r].length);
        }
        return flat;
    }

    /**
     * Row stride the b and c arrays of {@link #multiply} need for n columns: n rounded up to whole vectors (n
     * itself without the Vector API).
     *
     * @param n the number of columns
     * @return the row stride
     */
    public static int paddedColumns(int n) {
        return (n + LANES - 1) / LANES * LANES;
    }

    /**
     * c[m×n] = a[m×k] · b[k×n], row-major; a is dense (row stride k), b and c have row stride
     * {@link #paddedColumns}(n), b's padding columns holding zeros (so the whole rows are products).
     *
     * @param m the rows of a and c
     * @param n the columns of b and c
     * @param k the columns of a and rows of b
     * @param a the left operand
     * @param b the right operand, padded
     * @param c the product, overwritten
     */
    public static void multiply(int m, int n, int k, float[] a, float[] b, float[] c) {
        multiply(m, n, k, a, 0, k, b, c);
    }

    /**
     * As {@link #multiply(int, int, int, float[], float[], float[])} with row i of a starting at
     * {@code a[aOffset + i * aRowStride]}.
     *
     * @param m the rows of a and c
     * @param n the columns of b and c
     * @param k the columns of a and rows of b
     * @param a the array holding the left operand
     * @param aOffset where a's first row starts
     * @param aRowStride the distance between a's rows, at least k
     * @param b the right operand, padded
     * @param c the product, overwritten
     */
    public static void multiply(int m, int n, int k, float[] a, int aOffset, int aRowStride, float[] b, float[] c) {
        multiply(KernelThreads.shared(), m, n, k, a, aOffset, aRowStride, b, c);
    }

    /**
     * As {@link #multiply(int, int, int, float[], int, int, float[], float[])} on the given pool: products
     * of at least {@link #PARALLEL_MIN_WORK} multiply-adds are split into row groups when there are
     * enough rows for every thread, else into column blocks. Each element is computed by one thread
     * in the same order as serially, so the result does not depend on the pool size.
     *
     * @param threads the pool to split over
     * @param m the rows of a and c
     * @param n the columns of b and c
     * @param k the columns of a and rows of b
     * @param a the array holding the left operand
     * @param aOffset where a's first row starts
     * @param aRowStride the distance between a's rows, at least k
     * @param b the right operand, padded
     * @param c the product, overwritten
     */
    public static void multiply(KernelThreads threads, int m, int n, int k, float[] a, int aOffset, int aRowStride,
                                float[] b, float[] c) {
        multiply(threads, 0, m, n, k, a, aOffset, aRowStride, b, false, c);
    }

    /**
     * Floats a k×n right operand takes when {@link #pack packed}: panels of one register block's columns (4 vectors,
     * the last panel padded with zeros), each panel's k rows one after another.
     *
     * @param k the rows of b
     * @param n the columns of b
     * @return the packed length
     */
    public static int packedLength(int k, int n) {
        return panels(n) * k * BLOCK_COLUMNS;
    }

    /**
     * Columns per panel of a {@link #pack packed} right operand: element (p, j) of a packed k×n b sits at
     * {@code (j / w)·k·w + p·w + j % w} for this width w, so a caller may write a packed b row by row itself.
     *
     * @return the panel width, a multiple of {@link #paddedColumns}'s unit
     */
    public static int packedPanelColumns() {
        return BLOCK_COLUMNS;
    }

    /**
     * Packs b[k×n], row-major with row stride {@code bStride}, for {@link #multiplyPacked}.
     *
     * @param b the matrix
     * @param bOffset where its first row starts
     * @param bStride the distance between its rows, at least n
     * @param k the rows of b
     * @param n the columns of b
     * @param packed the target, {@link #packedLength}(k, n) long; its padding columns are set to zero
     */
    public static void pack(float[] b, int bOffset, int bStride, int k, int n, float[] packed) {
        for (int panel = 0; panel < panels(n); panel++) {
            int column = panel * BLOCK_COLUMNS;
            int width = Math.min(BLOCK_COLUMNS, n - column);
            int start = panel * k * BLOCK_COLUMNS;
            for (int p = 0; p < k; p++) {
                int row = start + p * BLOCK_COLUMNS;
                System.arraycopy(b, bOffset + p * bStride + column, packed, row, width);
                java.util.Arrays.fill(packed, row + width, row + BLOCK_COLUMNS, 0f);
            }
        }
    }

    /**
     * Packs b[k×n] given as its transpose, row-major bᵀ[n×k] (dense), for {@link #multiplyPacked}: a weight matrix
     * stored as [outputs, inputs], for example. Runs in tiles, so that reads and writes both stay within a few cache
     * lines.
     *
     * @param bTransposed bᵀ, row-major [n, k]
     * @param k the rows of b
     * @param n the columns of b
     * @param packed the target, {@link #packedLength}(k, n) long; its padding columns are set to zero
     */
    public static void packTransposed(float[] bTransposed, int k, int n, float[] packed) {
        for (int panel = 0; panel < panels(n); panel++) {
            int column = panel * BLOCK_COLUMNS;
            int width = Math.min(BLOCK_COLUMNS, n - column);
            int start = panel * k * BLOCK_COLUMNS;
            for (int p = 0; p < k && width < BLOCK_COLUMNS; p++) {
                java.util.Arrays.fill(packed, start + p * BLOCK_COLUMNS + width, start + (p + 1) * BLOCK_COLUMNS, 0f);
            }
            for (int p0 = 0; p0 < k; p0 += TRANSPOSE_TILE) {
                int p1 = Math.min(k, p0 + TRANSPOSE_TILE);
                for (int j = 0; j < width; j++) {
                    int from = (column + j) * k;
                    for (int p = p0; p < p1; p++) {
                        packed[start + p * BLOCK_COLUMNS + j] = bTransposed[from + p];
                    }
                }
            }
        }
    }

    /**
     * As {@link #multiply(KernelThreads, int, int, int, float[], int, int, float[], float[])} with b {@link #pack
     * packed}: faster for a b used many times (a recurrent weight matrix, once per step). Same bits as unpacked.
     *
     * @param threads the pool to split over
     * @param m the rows of a and c
     * @param n the columns of b and c
     * @param k the columns of a and rows of b
     * @param a the array holding the left operand
     * @param aOffset where a's first row starts
     * @param aRowStride the distance between a's rows, at least k
     * @param packedB the right operand, packed
     * @param c the product, overwritten, with row stride {@link #paddedColumns}(n)
     */
    public static void multiplyPacked(KernelThreads threads, int m, int n, int k, float[] a, int aOffset,
                                      int aRowStride, float[] packedB, float[] c) {
        multiply(threads, 0, m, n, k, a, aOffset, aRowStride, packedB, true, c);
    }

    /**
     * Rows [rowStart, rowEnd) of {@link #multiplyPacked}'s product, split over the pool as a product of that many
     * rows is (on the calling thread alone when it already runs a part of a split): row i of a at {@code a[aOffset
     * + i·aRowStride]}, of c at i·{@link #paddedColumns}(n). Same bits as the whole product's rows.
     *
     * @param threads the pool to split over
     * @param rowStart the first row
     * @param rowEnd the row after the last
     * @param n the columns of b and c
     * @param k the columns of a and rows of b
     * @param a the array holding the left operand
     * @param aOffset where a's row 0 starts
     * @param aRowStride the distance between a's rows, at least k
     * @param packedB the right operand, packed
     * @param c the product's array; only the given rows are written
     */
    public static void multiplyPackedRows(KernelThreads threads, int rowStart, int rowEnd, int n, int k, float[] a,
                                          int aOffset, int aRowStride, float[] packedB, float[] c) {
        multiply(threads, rowStart, rowEnd, n, k, a, aOffset, aRowStride, packedB, true, c);
    }

    private static int panels(int n) {
        return (paddedColumns(n) + BLOCK_COLUMNS - 1) / BLOCK_COLUMNS;
    }

    /** Rows [rowStart, rowEnd) of c = a·b, split over the pool when large. */
    private static void multiply(KernelThreads threads, int rowStart, int rowEnd, int n, int k, float[] a,
                                 int aOffset, int aRowStride, float[] b, boolean packed, float[] c) {
        int m = rowEnd - rowStart;
        int stride = paddedColumns(n);
        long work = (long) m * stride * k;
        if (!threads.splits(work, PARALLEL_MIN_WORK)) {
            multiplyRange(rowStart, rowEnd, 0, stride, k, a, aOffset, aRowStride, b, packed, c, stride);
            return;
        }
        if (m >= ROW_GROUP * threads.size() || (m > ROW_GROUP && stride <= BLOCK_COLUMNS)) {
            int groups = (m + ROW_GROUP - 1) / ROW_GROUP;
            threads.run(groups, g -> {
                int first = rowStart + g * ROW_GROUP;
                multiplyRange(first, Math.min(rowEnd, first + ROW_GROUP), 0, stride, k, a, aOffset, aRowStride, b,
                        packed, c, stride);
            });
            return;
        }
        int blocks = (stride + BLOCK_COLUMNS - 1) / BLOCK_COLUMNS;
        int parts = Math.min(blocks, 2 * threads.size());
        threads.run(parts, part -> {
            int from = blocks * part / parts * BLOCK_COLUMNS;
            int to = Math.min(stride, blocks * (part + 1) / parts * BLOCK_COLUMNS);
            multiplyRange(rowStart, rowEnd, from, to, k, a, aOffset, aRowStride, b, packed, c, stride);
        });
    }

    /** Rows [rowStart, rowEnd) and columns [colStart, colEnd) of c; colStart is a multiple of the column block. */
    private static void multiplyRange(int rowStart, int rowEnd, int colStart, int colEnd, int k, float[] a,
                                      int aOffset, int aRowStride, float[] b, boolean packed, float[] c, int stride) {
        if (VectorApi.present()) {
            VectorGemmBlocks.multiplyRange(rowStart, rowEnd, colStart, colEnd, k, a, aOffset, aRowStride, b, packed, c,
                    stride);
        } else {
            ScalarGemm.multiplyRange(rowStart, rowEnd, colStart, colEnd, k, a, aOffset, aRowStride, b, packed,
                    BLOCK_COLUMNS, c, stride);
        }
    }
}
