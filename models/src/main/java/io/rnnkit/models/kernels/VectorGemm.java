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
        int stride = paddedColumns(n);
        long work = (long) m * stride * k;
        if (!threads.splits(work, PARALLEL_MIN_WORK)) {
            multiplyRange(0, m, 0, stride, k, a, aOffset, aRowStride, b, c, stride);
            return;
        }
        if (m >= ROW_GROUP * threads.size() || (m > ROW_GROUP && stride <= BLOCK_COLUMNS)) {
            int groups = (m + ROW_GROUP - 1) / ROW_GROUP;
            threads.run(groups, g -> multiplyRange(g * ROW_GROUP, Math.min(m, (g + 1) * ROW_GROUP), 0, stride, k,
                    a, aOffset, aRowStride, b, c, stride));
            return;
        }
        int blocks = (stride + BLOCK_COLUMNS - 1) / BLOCK_COLUMNS;
        int parts = Math.min(blocks, 2 * threads.size());
        threads.run(parts, part -> {
            int from = blocks * part / parts * BLOCK_COLUMNS;
            int to = Math.min(stride, blocks * (part + 1) / parts * BLOCK_COLUMNS);
            multiplyRange(0, m, from, to, k, a, aOffset, aRowStride, b, c, stride);
        });
    }

    /** Rows [rowStart, rowEnd) and columns [colStart, colEnd) of c; colStart is a multiple of the column block. */
    private static void multiplyRange(int rowStart, int rowEnd, int colStart, int colEnd, int k, float[] a,
                                      int aOffset, int aRowStride, float[] b, float[] c, int stride) {
        if (VectorApi.present()) {
            VectorGemmBlocks.multiplyRange(rowStart, rowEnd, colStart, colEnd, k, a, aOffset, aRowStride, b, c,
                    stride);
        } else {
            ScalarGemm.multiplyRange(rowStart, rowEnd, colStart, colEnd, k, a, aOffset, aRowStride, b, c, stride);
        }
    }
}
