package io.rnnkit.models.layers;

import io.rnnkit.models.kernels.KernelThreads;
import io.rnnkit.models.kernels.VectorGemm;

/**
 * The float fast path of {@link FusedRecurrentLayerImpl} on ND4J's CPU backend: heap float copies
 * of the weights, the input, the recurrent inputs and the gate gradients, multiplied with
 * {@link VectorGemm} instead of OpenBLAS. Arrays used as a GEMM's right operand or output have
 * their rows padded to whole vectors ({@link VectorGemm#paddedColumns}).
 */
final class FloatHeapPath implements SequenceProducts {

    private static final int TRANSPOSE_TILE = 16;
    /** Values below which a copy or conversion runs on the calling thread: a split costs a few microseconds. */
    private static final long PARALLEL_MIN_VALUES = 1L << 13;

    private KernelThreads threads;
    private CblasMatrixEngine cblas;

    private int batch;
    private int steps;
    private int nIn;
    private int hidden;
    private int gh;
    private int nInPad;
    private int hPad;
    private int ghPad;
    private int rowsPad;

    private float[] wForward;   // [nIn, ghPad]: x·W
    private float[] rwForward;  // RW [H, gh], packed: h·RW
    private float[] rwBackward; // RWᵀ [gh, H], packed: dZ·RWᵀ
    private float[] x;          // [T·B, nInPad]
    private float[] zx;         // [T·B, ghPad]
    private float[] hRec;       // [(T+1)·B, hPad]: recurrent inputs (after recurrent dropout)
    private float[] packedRows; // x [T·B, nIn] or the first T·B rows of hRec [T·B, H], packed
    private float[] dzx;        // [gh, rowsPad]: gate gradients stored transposed, column t·B + r
    private float[] dzr;        // [gh, rowsPad], or dzx
    private float[] stepIn;     // [B, gh]
    private float[] product;    // GEMM outputs, padded
    private float[] dense;      // GEMM outputs, unpadded, and raw reads
    private float[] wSeen;      // raw W as last transposed into wForward
    private float[] rwSeen;     // raw RW as last packed into rwForward/rwBackward
    private int[] hotColumns;   // per input row: the column holding 1, or -1 for an all-zero row
    private boolean oneHotInput; // whether this pass's input is one-hot (or all-zero) in every row

    /** Sets the engine that reads and writes the off-heap arrays and the pool the next pass's products split over. */
    void bind(CblasMatrixEngine engine, KernelThreads pool) {
        this.cblas = engine;
        this.threads = pool;
    }

    void ensure(int batch, int steps, int nIn, int hidden, int gh, boolean separateRecurrentPart) {
        if (batch == this.batch && steps == this.steps && nIn == this.nIn && hidden == this.hidden && gh == this.gh
                && (dzr != dzx) == separateRecurrentPart) {
            return;
        }
        this.batch = batch;
        this.steps = steps;
        this.nIn = nIn;
        this.hidden = hidden;
        this.gh = gh;
        nInPad = VectorGemm.paddedColumns(nIn);
        hPad = VectorGemm.paddedColumns(hidden);
        ghPad = VectorGemm.paddedColumns(gh);
        int rows = steps * batch;
        rowsPad = VectorGemm.paddedColumns(rows);
        wForward = new float[nIn * ghPad];
        rwForward = new float[VectorGemm.packedLength(hidden, gh)];
        rwBackward = new float[VectorGemm.packedLength(gh, hidden)];
        x = new float[rows * nInPad];
        zx = new float[rows * ghPad];
        hRec = new float[(rows + batch) * hPad];
        packedRows = new float[Math.max(VectorGemm.packedLength(rows, nIn), VectorGemm.packedLength(rows, hidden))];
        dzx = new float[gh * rowsPad];
        dzr = separateRecurrentPart ? new float[gh * rowsPad] : dzx;
        stepIn = new float[batch * gh];
        int largest = Math.max(Math.max(Math.max(rows * nInPad, gh * nInPad), Math.max(gh * hPad, rows * ghPad)),
                nIn * rowsPad);
        product = new float[largest];
        dense = new float[Math.max(largest, Math.max(gh * nIn, gh * hidden))];
        hotColumns = new int[rows];
        // Zeros match the zero-filled splits above, so the first load of all-zero weights may skip.
        wSeen = new float[gh * nIn];
        rwSeen = new float[gh * hidden];
    }

    @Override
    public void beginForward(MatrixBlock input, MatrixBlock inputWeightsT, MatrixBlock recurrentWeightsT) {
        loadWeights(inputWeightsT, recurrentWeightsT);
        projectInput(input);
    }

    /** Reads W and RW from their raw ('f' order [n, G·H], i.e. row-major [G·H, n]) memory. */
    private void loadWeights(MatrixBlock inputWeightsT, MatrixBlock recurrentWeightsT) {
        boolean inputChanged = readIfChanged(inputWeightsT, wSeen);
        boolean recurrentChanged = readIfChanged(recurrentWeightsT, rwSeen);
        if (!inputChanged && !recurrentChanged) {
            return; // per-token rnnTimeStep calls: nothing to copy, and no worker to wake for it
        }
        // three independent copies, on as many threads as the pool has when large
        int parts = threads.splits((long) gh * (nIn + hidden), PARALLEL_MIN_VALUES) ? 3 : 1;
        threads.runRanges(3, parts, (first, end) -> {
            for (int copy = first; copy < end; copy++) {
                if (copy == 0 && inputChanged) {
                    transpose(wSeen, nIn, wForward);
                } else if (copy == 1 && recurrentChanged) {
                    VectorGemm.packTransposed(rwSeen, hidden, gh, rwForward);
                } else if (copy == 2 && recurrentChanged) {
                    VectorGemm.pack(rwSeen, 0, hidden, gh, hidden, rwBackward);
                }
            }
        });
    }

    /**
     * Reads raw weights and keeps them in {@code seen} if they differ from the last read. Comparing is
     * a fast vectorised scan, while re-splitting costs strided writes over both layouts: per-token
     * {@code rnnTimeStep} calls, whose weights do not change, skip the split.
     */
    private boolean readIfChanged(MatrixBlock weights, float[] seen) {
        cblas.readFloats(weights, dense);
        if (java.util.Arrays.equals(dense, 0, seen.length, seen, 0, seen.length)) {
            return false;
        }
        System.arraycopy(dense, 0, seen, 0, seen.length);
        return true;
    }

    /**
     * {@code raw} is Wᵀ, row-major [gh, n]; {@code forward} gets W [n, ghPad], transposed in tiles so that reads
     * and writes both stay within a few cache lines.
     */
    private void transpose(float[] raw, int n, float[] forward) {
        for (int j0 = 0; j0 < gh; j0 += TRANSPOSE_TILE) {
            int j1 = Math.min(gh, j0 + TRANSPOSE_TILE);
            for (int k0 = 0; k0 < n; k0 += TRANSPOSE_TILE) {
                int k1 = Math.min(n, k0 + TRANSPOSE_TILE);
                for (int j = j0; j < j1; j++) {
                    int row = j * n;
                    for (int k = k0; k < k1; k++) {
                        forward[k * ghPad + j] = raw[row + k];
                    }
                }
            }
        }
    }

    /**
     * Reads the time-major input [T·B, nIn] and projects it: zx = x·W. A one-hot input (characters, for
     * example) selects rows of W instead: the same values as the product, whose chain of multiply-adds
     * adds only zeros around the one product by 1, at a fraction of the cost.
     */
    private void projectInput(MatrixBlock input) {
        int rows = steps * batch;
        cblas.readFloats(input, dense);
        oneHotInput = OneHotRows.find(dense, rows, nIn, hotColumns);
        if (oneHotInput) {
            for (int r = 0; r < rows; r++) {
                int column = hotColumns[r];
                if (column < 0) {
                    java.util.Arrays.fill(zx, r * ghPad, (r + 1) * ghPad, 0f);
                } else {
                    System.arraycopy(wForward, column * ghPad, zx, r * ghPad, ghPad);
                }
            }
            return;
        }
        pad(dense, rows, nIn, x, nInPad);
        VectorGemm.multiply(threads, rows, gh, nIn, x, 0, nInPad, wForward, zx);
    }

    @Override
    public boolean runsRowRanges() {
        return true;
    }

    /**
     * zr = (recurrent input t)·RW and step t's slice of the input projection, as doubles [B, G·H], for rows
     * [firstRow, endRow), split over the pool when large (and on the calling thread within a row range of the
     * time loop, which is one part of a split already).
     */
    @Override
    public void stepPreActivations(int t, int firstRow, int endRow, double[] zr, double[] zxStep) {
        int zxOffset = t * batch * ghPad;
        VectorGemm.multiplyPackedRows(threads, firstRow, endRow, gh, hidden, hRec, t * batch * hPad, hPad, rwForward,
                product);
        inRowParts(firstRow, endRow, gh, (from, to) -> {
            unpad(product, 0, from, to, gh, ghPad, zr);
            unpad(zx, zxOffset, from, to, gh, ghPad, zxStep);
        });
    }

    /** Stores rows of recurrent input t (state h_t, times the dropout mask if any) from the heap states. */
    @Override
    public void setRecurrentInput(int t, int firstRow, int endRow, double[] h, int offset, double[] mask) {
        int base = t * batch * hPad;
        for (int r = firstRow; r < endRow; r++) {
            for (int j = 0; j < hidden; j++) {
                int i = r * hidden + j;
                double v = h[offset + i];
                hRec[base + r * hPad + j] = (float) (mask == null ? v : v * mask[i]);
            }
        }
    }

    /**
     * Keeps rows of step t's gate gradients [B, G·H] for the batched products, transposed: gate unit j's values
     * for the step's rows land side by side in row j, so the weight-gradient products read rows, not
     * strided columns.
     */
    @Override
    public void storeGateGradients(int t, int firstRow, int endRow, double[] stepDzx, double[] stepDzr) {
        storeTransposed(t, firstRow, endRow, stepDzx, dzx);
        if (dzr != dzx) {
            storeTransposed(t, firstRow, endRow, stepDzr, dzr);
        }
    }

    /**
     * Writes rows [firstRow, endRow) of step [B, gh] into columns t·B + row of target [gh, rowsPad], in tiles of
     * gate units, the tiles split over the pool for a whole large step (a copy: the result is the same however it
     * is split).
     */
    private void storeTransposed(int t, int firstRow, int endRow, double[] step, float[] target) {
        int column = t * batch;
        int tiles = (gh + TRANSPOSE_TILE - 1) / TRANSPOSE_TILE;
        boolean split = threads.splits((long) (endRow - firstRow) * gh, PARALLEL_MIN_VALUES);
        int parts = split ? Math.min(tiles, 2 * threads.size()) : 1;
        threads.runRanges(tiles, parts, (firstTile, endTile) -> {
            for (int tile = firstTile; tile < endTile; tile++) {
                int j0 = tile * TRANSPOSE_TILE;
                int j1 = Math.min(gh, j0 + TRANSPOSE_TILE);
                for (int r = firstRow; r < endRow; r++) {
                    int from = r * gh;
                    int to = column + r;
                    for (int j = j0; j < j1; j++) {
                        target[j * rowsPad + to] = (float) step[from + j];
                    }
                }
            }
        });
    }

    /** Runs a copy over rows [firstRow, endRow) of a [rows, cols] block, in row ranges over the pool when large. */
    private void inRowParts(int firstRow, int endRow, int cols, KernelThreads.Range body) {
        int rows = endRow - firstRow;
        int parts = threads.splits((long) rows * cols, PARALLEL_MIN_VALUES) ? Math.min(rows, 2 * threads.size()) : 1;
        threads.runRanges(rows, parts, (from, to) -> body.run(firstRow + from, firstRow + to));
    }

    @Override
    public void clearGateGradients(int stepCount) {
        int columns = stepCount * batch;
        for (int j = 0; j < gh; j++) {
            java.util.Arrays.fill(dzx, j * rowsPad, j * rowsPad + columns, 0f);
            java.util.Arrays.fill(dzr, j * rowsPad, j * rowsPad + columns, 0f);
        }
    }

    /**
     * Rows of dL/dh_{t-1} = dzr·RWᵀ as doubles [B, H], from the step's own gradients (RWᵀ as loaded for the forward
     * pass), split over the pool as {@link #stepPreActivations} is.
     */
    @Override
    public void recurrentGradient(int t, int firstRow, int endRow, double[] stepDzr, double[] target) {
        for (int i = firstRow * gh; i < endRow * gh; i++) {
            stepIn[i] = (float) stepDzr[i];
        }
        VectorGemm.multiplyPackedRows(threads, firstRow, endRow, hidden, gh, stepIn, 0, gh, rwBackward, product);
        inRowParts(firstRow, endRow, hidden, (from, to) -> unpad(product, 0, from, to, hidden, hPad, target));
    }

    /** dWᵀ = dZxᵀ·x and dRWᵀ = dZrᵀ·hRec over all steps, written to the gradient views' raw memory. */
    @Override
    public void weightGradients(MatrixBlock inputWeightGradT, MatrixBlock recurrentWeightGradT) {
        int rows = steps * batch;
        if (oneHotInput) {
            sumIntoHotColumns(rows);
        } else {
            VectorGemm.pack(x, 0, nInPad, rows, nIn, packedRows);
            VectorGemm.multiplyPacked(threads, gh, nIn, rows, dzx, 0, rowsPad, packedRows, product);
        }
        compact(product, gh, nIn, nInPad);
        cblas.writeFloats(dense, inputWeightGradT);
        VectorGemm.pack(hRec, 0, hPad, rows, hidden, packedRows);
        VectorGemm.multiplyPacked(threads, gh, hidden, rows, dzr, 0, rowsPad, packedRows, product);
        compact(product, gh, hidden, hPad);
        cblas.writeFloats(dense, recurrentWeightGradT);
    }

    /**
     * dWᵀ = dZxᵀ·x for a one-hot x: each gate unit's gradient over the rows, added into the column its row
     * holds 1 in, rows in order, which is the product's own chain of multiply-adds without the zero terms.
     */
    private void sumIntoHotColumns(int rows) {
        int parts = threads.splits((long) gh * rows, PARALLEL_MIN_VALUES) ? Math.min(gh, 2 * threads.size()) : 1;
        threads.runRanges(gh, parts, (from, to) -> {
            for (int j = from; j < to; j++) {
                int out = j * nInPad;
                java.util.Arrays.fill(product, out, out + nInPad, 0f);
                int in = j * rowsPad;
                for (int r = 0; r < rows; r++) {
                    int column = hotColumns[r];
                    if (column >= 0) {
                        product[out + column] += dzx[in + r];
                    }
                }
            }
        });
    }

    /** dX = dZx·Wᵀ, time-major [T·B, nIn], written to {@code target}; computed as dXᵀ = W·dZxᵀ. */
    @Override
    public void inputGradient(MatrixBlock target) {
        int rows = steps * batch;
        VectorGemm.multiply(threads, nIn, rows, gh, wForward, 0, ghPad, dzx, product);
        for (int k = 0; k < nIn; k++) {
            int from = k * rowsPad;
            for (int r = 0; r < rows; r++) {
                dense[r * nIn + k] = product[from + r];
            }
        }
        cblas.writeFloats(dense, target);
    }

    private void compact(float[] padded, int rows, int cols, int stride) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(padded, r * stride, dense, r * cols, cols);
        }
    }

    private static void pad(float[] src, int rows, int cols, float[] dst, int stride) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, r * cols, dst, r * stride, cols);
        }
    }

    /** Rows [from, to) of the padded [*, stride] block at {@code offset} into the dense [*, cols] {@code dst}. */
    private static void unpad(float[] src, int offset, int from, int to, int cols, int stride, double[] dst) {
        for (int r = from; r < to; r++) {
            int in = offset + r * stride;
            int out = r * cols;
            for (int j = 0; j < cols; j++) {
                dst[out + j] = src[in + j];
            }
        }
    }
}
