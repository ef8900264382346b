package io.rnnkit.models.kernels;

import io.rnnkit.models.VectorApi;

/**
 * A fixed matrix b [k, n] kept for repeated products c = a·b with a single row a, the product a batch-1
 * stepper makes for every token. With the Vector API, b is stored in column panels of 8 vectors, each
 * panel's k rows one after another, so a product reads b once from
 * start to end: in the row-major layout a 256 × 1024 matrix puts each row of a 64-column block on its own
 * 4 KB page, which the hardware prefetcher does not follow. Every element of c is the same chain of fused
 * multiply-adds over k in order, started from zero, as {@link VectorGemm#multiply} computes it, so the bits
 * are the same; without the Vector API it is that product. Products of {@value #PARALLEL_MIN_WORK}
 * multiply-adds or more (an LSTM of 512 units; not one of 256) split their panels over the shared
 * {@link KernelThreads} pool: each core then streams its own part of the matrix. The benchmark's batch-1
 * sampling of 256-unit cells (config D) was no faster split over 2 threads, and the GRU's slower.
 */
public final class PackedMatVec {

    /** Multiply-adds below which a product runs on the caller alone. */
    static final long PARALLEL_MIN_WORK = 1L << 19;

    private final int k;
    private final int n;
    private final int stride;
    private final float[] values;
    private final boolean panels;

    /**
     * Copies the matrix.
     *
     * @param matrix b as k rows of n columns
     */
    public PackedMatVec(float[][] matrix) {
        k = matrix.length;
        n = k == 0 ? 0 : matrix[0].length;
        stride = VectorGemm.paddedColumns(n);
        panels = VectorApi.present();
        values = panels ? VectorMatVec.pack(matrix, n, stride) : VectorGemm.rowMajorPadded(matrix);
    }

    /**
     * The length {@link #multiply}'s output needs: n rounded up to whole vectors.
     *
     * @return the padded column count
     */
    public int paddedColumns() {
        return stride;
    }

    /**
     * c = a·b: c's first n values get the product, its padding up to {@link #paddedColumns()} zeros.
     *
     * @param a the row, k values
     * @param c the output, at least {@link #paddedColumns()} long
     */
    public void multiply(float[] a, float[] c) {
        if (!panels) {
            VectorGemm.multiply(1, n, k, a, values, c);
            return;
        }
        KernelThreads threads = KernelThreads.shared();
        int panelCount = VectorMatVec.panels(stride);
        if (threads.splits((long) k * stride, PARALLEL_MIN_WORK)) {
            threads.runRanges(panelCount, Math.min(panelCount, threads.size()),
                    (from, to) -> VectorMatVec.multiply(values, k, stride, a, c, from, to));
        } else {
            VectorMatVec.multiply(values, k, stride, a, c, 0, panelCount);
        }
    }
}
