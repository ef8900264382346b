package io.rnnkit.models.kernels;

/**
 * Transposed copies of float blocks, in bands of a few destination rows: the band's reads run along source rows, and
 * its writes stay within a few cache lines per source row, where a plain loop would stride through the whole
 * destination for every source row.
 */
public final class Transpose {

    /** Destination rows per band. */
    private static final int BAND_ROWS = 16;
    /** Values below which a copy runs on the calling thread: a split costs a few microseconds. */
    private static final long PARALLEL_MIN_VALUES = 1L << 15;

    private Transpose() {
    }

    /**
     * dst[dstOffset + j·dstStride + i] = src[srcOffset + i·srcStride + j] for i in [0, rows) and j in [0, cols),
     * split over the pool's threads in bands of destination rows when large.
     *
     * @param threads the pool to split over
     * @param src the source block, row-major
     * @param srcOffset where its first row starts
     * @param srcStride the distance between its rows, at least cols
     * @param rows the source's rows, the destination's columns
     * @param cols the source's columns, the destination's rows
     * @param dst the destination block, row-major
     * @param dstOffset where its first row starts
     * @param dstStride the distance between its rows, at least rows
     */
    public static void copy(KernelThreads threads, float[] src, int srcOffset, int srcStride, int rows, int cols,
                            float[] dst, int dstOffset, int dstStride) {
        int bands = (cols + BAND_ROWS - 1) / BAND_ROWS;
        int parts = threads.splits((long) rows * cols, PARALLEL_MIN_VALUES) ? Math.min(bands, 2 * threads.size()) : 1;
        threads.runRanges(bands, parts, (firstBand, endBand) -> {
            for (int band = firstBand; band < endBand; band++) {
                int j0 = band * BAND_ROWS;
                int j1 = Math.min(cols, j0 + BAND_ROWS);
                // reading along source rows ran about twice as fast here as writing along destination rows
                for (int i = 0; i < rows; i++) {
                    int in = srcOffset + i * srcStride;
                    for (int j = j0; j < j1; j++) {
                        dst[dstOffset + j * dstStride + i] = src[in + j];
                    }
                }
            }
        });
    }
}
