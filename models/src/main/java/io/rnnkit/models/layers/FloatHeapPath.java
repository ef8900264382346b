package io.rnnkit.models.layers;

import io.rnnkit.models.kernels.ArrayMath;
import io.rnnkit.models.kernels.KernelThreads;
import io.rnnkit.models.kernels.Transpose;
import io.rnnkit.models.kernels.VectorGemm;

/**
 * The float fast path of {@link FusedRecurrentLayerImpl} on ND4J's CPU backend: heap float copies
 * of the weights, the input, the recurrent inputs and the gate gradients, multiplied with
 * {@link VectorGemm} instead of OpenBLAS. Arrays used as a GEMM's right operand or output have
 * their rows padded to whole vectors ({@link VectorGemm#paddedColumns}). Its per-step methods come in two
 * forms: on float blocks for {@link FloatSequenceLoops} (the cells with float steps), and on double blocks, with
 * conversions, for {@link SequenceLoops} (the GRU with the reset gate first).
 */
final class FloatHeapPath implements SequenceProducts {

    /** Values below which a copy or conversion runs on the calling thread: a split costs a few microseconds. */
    static final long PARALLEL_MIN_VALUES = 1L << 13;

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

    private float[] wForward;   // [nIn, ghPad]: x·W
    private float[] rwForward;  // RW [H, gh], packed: h·RW
    private float[] rwBackward; // RWᵀ [gh, H], packed: dZ·RWᵀ
    private float[] wBackward;  // Wᵀ [gh, nIn], packed: dZx·Wᵀ; packed on first use after W changes
    private boolean wBackwardStale; // whether W changed since wBackward was packed
    private float[] x;          // [T·B, nInPad], for an input that is not one-hot
    private float[] zx;         // [T·B, ghPad], likewise
    private float[] hRec;       // [(T+1)·B, hPad]: recurrent inputs (after recurrent dropout)
    private float[] transposedRows; // xᵀ [nIn, T·B], for an input that is not one-hot
    private float[] hRecT;      // the first T·B rows of hRec transposed, [H, T·B], stored step by step when training
    private boolean training;   // whether this pass keeps hRecT for a backward pass
    private PackedGateGradients dzx; // [T·B, gh]
    private PackedGateGradients dzr; // [T·B, gh], or dzx
    private float[] dzxRows;    // dzx row-major [T·B, ghPad], for the input gradient; made on first use
    private float[] stepIn;     // [B, gh]: the step's recurrent gate gradients as floats
    private float[] product;    // GEMM outputs, padded
    private float[] dense;      // GEMM outputs, unpadded, and raw reads
    private SeenWeights wSeen;  // raw W as last transposed into wForward
    private SeenWeights rwSeen; // raw RW as last packed into rwForward/rwBackward
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
        wForward = new float[nIn * ghPad];
        rwForward = new float[VectorGemm.packedLength(hidden, gh)];
        rwBackward = new float[VectorGemm.packedLength(gh, hidden)];
        wBackward = new float[VectorGemm.packedLength(gh, nIn)];
        wBackwardStale = true;
        x = null; // x and zx only for an input that is not one-hot, made on first use
        zx = null;
        hRec = new float[(rows + batch) * hPad];
        transposedRows = null; // for an input that is not one-hot, made on first use
        hRecT = new float[hidden * rows];
        dzx = new PackedGateGradients(rows, gh);
        dzr = separateRecurrentPart ? new PackedGateGradients(rows, gh) : dzx;
        dzxRows = null;
        stepIn = new float[batch * gh];
        // GEMM outputs: per-step [B, ghPad] and [B, hPad]; dW [nIn, ghPad], dRW [H, ghPad], dX [T·B, nInPad]
        int largest = Math.max(Math.max(rows * nInPad, rows * ghPad), Math.max(nIn, hidden) * ghPad);
        product = new float[largest];
        dense = new float[Math.max(largest, Math.max(gh * nIn, gh * hidden))];
        hotColumns = new int[rows];
        // Zeros match the zero-filled splits above, so the first load of all-zero weights may skip.
        wSeen = new SeenWeights(gh * nIn);
        rwSeen = new SeenWeights(gh * hidden);
    }

    @Override
    public void beginForward(MatrixBlock input, MatrixBlock inputWeightsT, MatrixBlock recurrentWeightsT,
                             boolean training) {
        this.training = training;
        loadWeights(inputWeightsT, recurrentWeightsT);
        projectInput(input);
    }

    /** Reads W and RW from their raw ('f' order [n, G·H], i.e. row-major [G·H, n]) memory. */
    private void loadWeights(MatrixBlock inputWeightsT, MatrixBlock recurrentWeightsT) {
        boolean inputChanged = wSeen.read(cblas, inputWeightsT);
        boolean recurrentChanged = rwSeen.read(cblas, recurrentWeightsT);
        if (!inputChanged && !recurrentChanged) {
            return; // per-token rnnTimeStep calls: nothing to copy, and no worker to wake for it
        }
        wBackwardStale |= inputChanged;
        // three independent copies, on as many threads as the pool has when large
        int parts = threads.splits((long) gh * (nIn + hidden), PARALLEL_MIN_VALUES) ? 3 : 1;
        threads.runRanges(3, parts, (first, end) -> {
            for (int copy = first; copy < end; copy++) {
                if (copy == 0 && inputChanged) {
                    Transpose.copy(threads, wSeen.values(), 0, nIn, gh, nIn, wForward, 0, ghPad);
                } else if (copy == 1 && recurrentChanged) {
                    VectorGemm.packTransposed(rwSeen.values(), hidden, gh, rwForward);
                } else if (copy == 2 && recurrentChanged) {
                    VectorGemm.pack(rwSeen.values(), 0, hidden, gh, hidden, rwBackward);
                }
            }
        });
    }

    /**
     * Reads the time-major input [T·B, nIn] and projects it: zx = x·W. A one-hot input (characters, for
     * example) selects rows of W instead, which {@link #stepPreActivations} reads in place: the same values as the
     * product, whose chain of multiply-adds adds only zeros around the one product by 1, at a fraction of the cost.
     */
    private void projectInput(MatrixBlock input) {
        int rows = steps * batch;
        cblas.readFloats(input, dense);
        oneHotInput = OneHotRows.find(dense, rows, nIn, hotColumns);
        if (oneHotInput) {
            return;
        }
        if (x == null) {
            x = new float[rows * nInPad];
            zx = new float[rows * ghPad];
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
        multiplyRecurrentInput(t, firstRow, endRow);
        inRowParts(firstRow, endRow, gh, (from, to) -> {
            unpad(product, 0, from, to, gh, ghPad, zr);
            if (oneHotInput) {
                selectInputRows(t, from, to, zxStep);
            } else {
                unpad(zx, zxOffset, from, to, gh, ghPad, zxStep);
            }
        });
    }

    /** Rows [from, to) of step t's input projection for a one-hot input: each row's hot row of W, or zeros. */
    private void selectInputRows(int t, int from, int to, double[] zxStep) {
        for (int r = from; r < to; r++) {
            int column = hotColumns[t * batch + r];
            if (column < 0) {
                java.util.Arrays.fill(zxStep, r * gh, (r + 1) * gh, 0.0);
            } else {
                ArrayMath.toDoubles(wForward, column * ghPad, zxStep, r * gh, gh);
            }
        }
    }

    /**
     * Stores rows of recurrent input t (state h_t, times the dropout mask if any) from the heap states; in a training
     * pass also as columns of hRecT, the left operand of dRW = hRecᵀ·dZr, which would otherwise be transposed from
     * hRec in one serial pass after the steps.
     */
    @Override
    public void setRecurrentInput(int t, int firstRow, int endRow, double[] h, int offset, double[] mask) {
        int base = t * batch * hPad;
        boolean keepTransposed = training && t < steps;
        for (int r = firstRow; r < endRow; r++) {
            int at = base + r * hPad;
            int from = r * hidden;
            if (mask == null) {
                ArrayMath.toFloats(h, offset + from, hRec, at, hidden);
            } else {
                for (int j = 0; j < hidden; j++) {
                    hRec[at + j] = (float) (h[offset + from + j] * mask[from + j]);
                }
            }
            if (keepTransposed) {
                storeTransposed(t * batch + r, at);
            }
        }
    }

    /**
     * Keeps rows of step t's gate gradients [B, G·H] for the batched products, packed as their right operand
     * (rows t·B + r). The recurrent part is converted once, into {@code stepIn}, where {@link #recurrentGradient}
     * takes the same rows as its left operand.
     */
    @Override
    public void storeGateGradients(int t, int firstRow, int endRow, double[] stepDzx, double[] stepDzr) {
        ArrayMath.toFloats(stepDzr, firstRow * gh, stepIn, firstRow * gh, (endRow - firstRow) * gh);
        dzr.storeFloats(threads, t * batch, firstRow, endRow, stepIn);
        if (dzr != dzx) {
            dzx.store(threads, t * batch, firstRow, endRow, stepDzx);
        }
    }

    /**
     * {@link #stepPreActivations(int, int, int, double[], double[])} as floats, for the float time loops
     * ({@link FloatSequenceLoops}).
     */
    void stepPreActivations(int t, int firstRow, int endRow, float[] zr, float[] zxStep) {
        int zxOffset = t * batch * ghPad;
        multiplyRecurrentInput(t, firstRow, endRow);
        inRowParts(firstRow, endRow, gh, (from, to) -> {
            unpad(product, 0, from, to, gh, ghPad, zr);
            if (oneHotInput) {
                selectInputRows(t, from, to, zxStep);
            } else {
                unpad(zx, zxOffset, from, to, gh, ghPad, zxStep);
            }
        });
    }

    /** {@link #selectInputRows(int, int, int, double[])} as floats. */
    private void selectInputRows(int t, int from, int to, float[] zxStep) {
        for (int r = from; r < to; r++) {
            int column = hotColumns[t * batch + r];
            if (column < 0) {
                java.util.Arrays.fill(zxStep, r * gh, (r + 1) * gh, 0.0f);
            } else {
                System.arraycopy(wForward, column * ghPad, zxStep, r * gh, gh);
            }
        }
    }

    /** {@link #setRecurrentInput(int, int, int, double[], int, double[])} from float states and mask. */
    void setRecurrentInput(int t, int firstRow, int endRow, float[] h, int offset, float[] mask) {
        int base = t * batch * hPad;
        boolean keepTransposed = training && t < steps;
        for (int r = firstRow; r < endRow; r++) {
            int at = base + r * hPad;
            int from = r * hidden;
            if (mask == null) {
                System.arraycopy(h, offset + from, hRec, at, hidden);
            } else {
                for (int j = 0; j < hidden; j++) {
                    hRec[at + j] = h[offset + from + j] * mask[from + j];
                }
            }
            if (keepTransposed) {
                storeTransposed(t * batch + r, at);
            }
        }
    }

    /** {@link #storeGateGradients(int, int, int, double[], double[])} from float gate gradients. */
    void storeGateGradients(int t, int firstRow, int endRow, float[] stepDzx, float[] stepDzr) {
        dzr.storeFloats(threads, t * batch, firstRow, endRow, stepDzr);
        if (dzr != dzx) {
            dzx.storeFloats(threads, t * batch, firstRow, endRow, stepDzx);
        }
    }

    /** Rows of dL/dh_{t-1} = dzr·RWᵀ as floats [B, H], from the step's float gate gradients {@code stepDzr}. */
    void recurrentGradient(int firstRow, int endRow, float[] stepDzr, float[] target) {
        multiplyGateGradients(firstRow, endRow, stepDzr);
        inRowParts(firstRow, endRow, hidden, (from, to) -> unpad(product, 0, from, to, hidden, hPad, target));
    }

    /** Rows [firstRow, endRow) of (recurrent input t)·RW into {@code product}, padded. */
    private void multiplyRecurrentInput(int t, int firstRow, int endRow) {
        VectorGemm.multiplyPackedRows(threads, firstRow, endRow, gh, hidden, hRec, t * batch * hPad, hPad, rwForward,
                product);
    }

    /** Rows [firstRow, endRow) of dzr·RWᵀ into {@code product}, padded, from a step's float gate gradients. */
    private void multiplyGateGradients(int firstRow, int endRow, float[] stepDzr) {
        VectorGemm.multiplyPackedRows(threads, firstRow, endRow, hidden, gh, stepDzr, 0, gh, rwBackward, product);
    }

    /** Stores the recurrent input row at {@code hRec[at]} as column {@code column} of hRecT. */
    private void storeTransposed(int column, int at) {
        int rows = steps * batch;
        for (int j = 0; j < hidden; j++) {
            hRecT[j * rows + column] = hRec[at + j];
        }
    }

    /** Runs a copy over rows [firstRow, endRow) of a [rows, cols] block, in row ranges over the pool when large. */
    private void inRowParts(int firstRow, int endRow, int cols, KernelThreads.Range body) {
        int rows = endRow - firstRow;
        int parts = threads.splits((long) rows * cols, PARALLEL_MIN_VALUES) ? Math.min(rows, 2 * threads.size()) : 1;
        threads.runRanges(rows, parts, (from, to) -> body.run(firstRow + from, firstRow + to));
    }

    @Override
    public void clearGateGradients(int stepCount) {
        dzx.clear(stepCount * batch);
        dzr.clear(stepCount * batch);
    }

    /**
     * Rows of dL/dh_{t-1} = dzr·RWᵀ as doubles [B, H], from the step's own gradients (RWᵀ as loaded for the forward
     * pass), split over the pool as {@link #stepPreActivations} is. The gradients are the floats that {@link
     * #storeGateGradients} converted for the same step and rows, just before.
     */
    @Override
    public void recurrentGradient(int t, int firstRow, int endRow, double[] stepDzr, double[] target) {
        multiplyGateGradients(firstRow, endRow, stepIn);
        inRowParts(firstRow, endRow, hidden, (from, to) -> unpad(product, 0, from, to, hidden, hPad, target));
    }

    /**
     * dW = xᵀ·dZx and dRW = hRecᵀ·dZr over all steps, written transposed to the gradient views' raw memory. Each
     * element is the chain of multiply-adds over the rows in order, as dWᵀ = dZxᵀ·x would give it.
     */
    @Override
    public void weightGradients(MatrixBlock inputWeightGradT, MatrixBlock recurrentWeightGradT) {
        int rows = steps * batch;
        if (oneHotInput) {
            dzx.sumIntoHotRows(threads, hotColumns, nIn, product, ghPad);
        } else {
            if (transposedRows == null) {
                transposedRows = new float[nIn * rows];
            }
            Transpose.copy(threads, x, 0, nInPad, rows, nIn, transposedRows, 0, rows);
            VectorGemm.multiplyPacked(threads, nIn, gh, rows, transposedRows, 0, rows, dzx.packed(), product);
        }
        Transpose.copy(threads, product, 0, ghPad, nIn, gh, dense, 0, nIn);
        cblas.writeFloats(dense, inputWeightGradT);
        VectorGemm.multiplyPacked(threads, hidden, gh, rows, hRecT, 0, rows, dzr.packed(), product);
        Transpose.copy(threads, product, 0, ghPad, hidden, gh, dense, 0, hidden);
        cblas.writeFloats(dense, recurrentWeightGradT);
    }

    /**
     * dX = dZx·Wᵀ, time-major [T·B, nIn], written to {@code target}. Wᵀ is packed here, not with the other weight
     * copies: a first layer that skips its input gradient never needs it.
     */
    @Override
    public void inputGradient(MatrixBlock target) {
        int rows = steps * batch;
        if (wBackwardStale) {
            VectorGemm.pack(wSeen.values(), 0, nIn, gh, nIn, wBackward);
            wBackwardStale = false;
        }
        if (dzxRows == null) {
            dzxRows = new float[rows * ghPad];
        }
        dzx.unpack(dzxRows, ghPad);
        VectorGemm.multiplyPacked(threads, rows, nIn, gh, dzxRows, 0, ghPad, wBackward, product);
        compact(product, rows, nIn, nInPad);
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
            ArrayMath.toDoubles(src, offset + r * stride, dst, r * cols, cols);
        }
    }

    /** Rows [from, to) of the padded [*, stride] block at {@code offset} into the dense [*, cols] float {@code dst}. */
    private static void unpad(float[] src, int offset, int from, int to, int cols, int stride, float[] dst) {
        for (int r = from; r < to; r++) {
            System.arraycopy(src, offset + r * stride, dst, r * cols, cols);
        }
    }
}
