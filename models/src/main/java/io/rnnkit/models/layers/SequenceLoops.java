package io.rnnkit.models.layers;

import io.rnnkit.models.kernels.ArrayMath;
import io.rnnkit.models.kernels.KernelThreads;
import java.util.Arrays;

/**
 * The fused layer's time loops over its heap buffers: each step's products through the pass's
 * {@link SequenceProducts} and its gate math through the {@link RecurrentCell}, forward through the steps and
 * back. Batch rows are independent through the recurrence, so on the float heap path a large enough batch runs
 * its loops as row ranges, one per kernel thread, each with its own per-step products and gate math and no
 * barrier between steps ({@link #rowParts}); otherwise each step's products and gate math split over the pool.
 */
final class SequenceLoops {

    /** Batch rows × hidden units from which a step's gate math is split over the kernel pool. */
    static final int PARALLEL_MIN_UNITS = 2048;
    /** Batch rows per thread from which the time loops run as row ranges, one per thread. */
    static final int MIN_ROWS_PER_PART = 4;

    private final RecurrentCell cell;
    /** The candidate's product for a cell that gates its recurrent input, else null. */
    private final ResetGatedProduct gatedProduct;
    private final SequenceBuffers buffers;
    private final StepBuffers step = new StepBuffers();

    SequenceLoops(RecurrentCell cell, ResetGatedProduct gatedProduct, SequenceBuffers buffers) {
        this.cell = cell;
        this.gatedProduct = gatedProduct;
        this.buffers = buffers;
    }

    /**
     * Runs the forward loop over all steps from the initial states in the buffers, leaving the activations laid out
     * in {@code buffers.output} or {@code outputFloats} ([B, T, H] when {@code nwc}, else time-major [T, B, H]).
     */
    void forward(double[] recurrentMask, boolean nwc) {
        SequenceBuffers b = buffers;
        int batch = b.batch;
        b.products.setRecurrentInput(0, 0, batch, b.h, 0, recurrentMask);
        StepBuffers s = bindStep(batch, b.hidden);
        int parts = rowParts(batch);
        if (parts == 1) {
            forwardRows(0, batch, s, recurrentMask, nwc);
        } else {
            b.threads.runRanges(batch, parts, (from, to) -> forwardRows(from, to, s.copy(), recurrentMask, nwc));
        }
    }

    /**
     * Runs the backward loop from the last step down to step {@code end}, from the output gradients in {@code
     * buffers.epsSteps} (or {@code epsFloats}): stores every step's gate gradients in the products and sums the bias gradients.
     */
    void backward(int end) {
        SequenceBuffers b = buffers;
        int batch = b.batch;
        int hidden = b.hidden;
        int gh = cell.gates() * hidden;
        Arrays.fill(b.dhNext, 0.0);
        Arrays.fill(b.dc, 0.0);
        StepBuffers s = bindStep(batch, hidden);
        int parts = rowParts(batch);
        b.ensureBiasGradientParts(parts, gh, hidden);
        if (parts == 1) {
            backwardRows(0, batch, end, s, 0);
        } else {
            b.threads.run(parts, part -> backwardRows(batch * part / parts, batch * (part + 1) / parts, end,
                    s.copy(), part));
        }
        b.sumBiasGradientParts(parts, gh, hidden);
    }

    /** The forward time loop over batch rows [from, to), with its own step buffers {@code s}. */
    private void forwardRows(int from, int to, StepBuffers s, double[] recurrentMask, boolean nwc) {
        SequenceBuffers b = buffers;
        int hidden = b.hidden;
        int bh = b.batch * hidden;
        for (int t = 0; t < b.steps; t++) {
            b.products.stepPreActivations(t, from, to, b.zrStep, b.zxStep);
            s.prevOffset = t * bh;
            s.offset = (t + 1) * bh;
            s.cacheOffset = t * bh * cell.cacheWidth();
            if (gatedProduct != null) {
                splitRows(from, to, hidden, (first, end) -> cell.forwardGates(s, first, end));
                gatedProduct.forward(s.cache, GruResetBeforeCell.gatedStateOffset(s), cell.cacheWidth() * hidden,
                        b.batch, b.zrStep);
            }
            splitRows(from, to, hidden, (first, end) -> cell.forward(s, first, end));
            applyMask(t, from, to, hidden, b.h, s.offset);
            if (cell.hasCellState()) {
                applyMask(t, from, to, hidden, b.c, s.offset);
            }
            b.products.setRecurrentInput(t + 1, from, to, b.h, s.offset, recurrentMask);
        }
        layOutRows(from, to, nwc);
    }

    /**
     * How many row ranges the time loops run as: one per kernel thread when the products take row ranges, the
     * cell's step is one part (no reset-gated product across the batch) and each range gets at least {@link
     * #MIN_ROWS_PER_PART} rows (any row with a pool that splits everything, as in tests); else 1.
     */
    private int rowParts(int batch) {
        boolean rangesPossible = buffers.products.runsRowRanges() && gatedProduct == null;
        return rangesPossible ? rowRanges(buffers.threads, batch) : 1;
    }

    /**
     * How many row ranges a time loop whose steps can run by rows takes: one per kernel thread when each gets at
     * least {@link #MIN_ROWS_PER_PART} rows (any row with a pool that splits everything, as in tests), else 1.
     */
    static int rowRanges(KernelThreads threads, int batch) {
        boolean split = threads.splits(batch, (long) MIN_ROWS_PER_PART * threads.size());
        return split ? Math.min(threads.size(), batch) : 1;
    }

    /**
     * Lays out rows [from, to) of the states in the activations' memory order, [B, T, H] for NWC, else time-major
     * [T, B, H] ({@link TimeMajorArrays}), in {@code output} (or {@code outputFloats}, converting), which the layer
     * then writes with one copy (an ND4J permuted assign took about 1.4 ms for a [32, 256, 35] output here).
     */
    private void layOutRows(int from, int to, boolean nwc) {
        SequenceBuffers b = buffers;
        int batch = b.batch;
        int steps = b.steps;
        int hidden = b.hidden;
        int bh = batch * hidden;
        for (int t = 0; t < steps; t++) {
            for (int r = from; r < to; r++) {
                int state = (t + 1) * bh + r * hidden;
                int at = nwc ? (r * steps + t) * hidden : t * bh + r * hidden;
                if (b.outputFloats != null) {
                    ArrayMath.toFloats(b.h, state, b.outputFloats, at, hidden);
                } else {
                    System.arraycopy(b.h, state, b.output, at, hidden);
                }
            }
        }
    }

    /**
     * The backward time loop over batch rows [from, to) down to step {@code end}, with its own step buffers
     * {@code s}; bias gradients go to row range {@code part}'s sums.
     */
    private void backwardRows(int from, int to, int end, StepBuffers s, int part) {
        SequenceBuffers b = buffers;
        SequenceProducts products = b.products;
        int batch = b.batch;
        int hidden = b.hidden;
        int bh = batch * hidden;
        int gh = cell.gates() * hidden;
        for (int t = b.steps - 1; t >= end; t--) {
            int epsStep = t * bh;
            if (b.epsFloats != null) {
                for (int i = from * hidden; i < to * hidden; i++) {
                    b.dh[i] = b.epsFloats[epsStep + i] + b.dhNext[i];
                }
            } else {
                for (int i = from * hidden; i < to * hidden; i++) {
                    b.dh[i] = b.epsSteps[epsStep + i] + b.dhNext[i];
                }
            }
            applyMask(t, from, to, hidden, b.dh, 0);
            if (cell.hasCellState()) {
                applyMask(t, from, to, hidden, s.dc, 0);
            }
            s.prevOffset = t * bh;
            s.offset = (t + 1) * bh;
            s.cacheOffset = t * bh * cell.cacheWidth();
            splitRows(from, to, hidden, (first, last) -> cell.backward(s, first, last));
            if (gatedProduct != null) {
                gatedProduct.backward(s.dzr, batch, s.dGatedState);
                splitRows(from, to, hidden, (first, last) -> cell.backwardGates(s, first, last));
            }
            accumulateBiasGradients(from, to, hidden, gh, part);
            if (gatedProduct != null) {
                gatedProduct.accumulate(s.cache, GruResetBeforeCell.gatedStateOffset(s), cell.cacheWidth() * hidden,
                        batch, s.dzr);
            }
            products.storeGateGradients(t, from, to, b.dzxStep, s.dzr);
            if (t > end) {
                products.recurrentGradient(t, from, to, s.dzr, b.dhNext);
                if (b.recurrentDropoutActive) {
                    for (int i = from * hidden; i < to * hidden; i++) {
                        b.dhNext[i] *= b.recurrentMask[i];
                    }
                }
                if (cell.hasSeparateRecurrentPart()) {
                    for (int i = from * hidden; i < to * hidden; i++) {
                        b.dhNext[i] += b.dhPrevDirect[i];
                    }
                }
                double[] swap = s.dc;
                s.dc = s.dcPrev;
                s.dcPrev = swap;
            }
        }
    }

    /** The step buffers bound to this pass's sequence buffers, for the loops (each row range takes a copy). */
    private StepBuffers bindStep(int batch, int hidden) {
        SequenceBuffers b = buffers;
        StepBuffers s = step;
        s.rows = batch;
        s.hidden = hidden;
        s.zx = b.zxStep;
        s.zr = b.zrStep;
        s.bias = b.bias;
        s.recurrentBias = b.recurrentBias;
        s.h = b.h;
        s.c = b.c;
        s.cache = b.cache;
        s.dh = b.dh;
        s.dc = b.dc;
        s.dzx = b.dzxStep;
        s.dzr = cell.hasSeparateRecurrentPart() ? b.dzrStep : b.dzxStep;
        s.dcPrev = b.dcPrev;
        s.dhPrevDirect = b.dhPrevDirect;
        s.dGatedState = b.dGatedState;
        s.recurrentMask = b.recurrentDropoutActive ? b.recurrentMask : null;
        return s;
    }

    /**
     * Runs a step's gate math over batch rows [from, to), split over the kernel pool when the block has at
     * least {@link #PARALLEL_MIN_UNITS} units (smaller steps cost less than a split); within a row range of
     * {@link #rowParts} the pool is taken, and the rows run on the calling thread.
     */
    private void splitRows(int from, int to, int hidden, KernelThreads.Range body) {
        splitRows(buffers.threads, from, to, hidden, body);
    }

    /** {@link #splitRows(int, int, int, KernelThreads.Range)} on the given pool, for the float loops too. */
    static void splitRows(KernelThreads threads, int from, int to, int hidden, KernelThreads.Range body) {
        int rows = to - from;
        // a few parts per thread, so that a worker that wakes late does not hold the caller up
        int parts = threads.splits((long) rows * hidden, PARALLEL_MIN_UNITS) ? Math.min(rows, 4 * threads.size()) : 1;
        threads.runRanges(rows, parts, (first, end) -> body.run(from + first, from + end));
    }

    /** Adds rows [from, to) of the step's gate gradients to row range {@code part}'s bias gradient sums. */
    private void accumulateBiasGradients(int from, int to, int hidden, int gh, int part) {
        SequenceBuffers b = buffers;
        int biasStart = part * gh;
        int recurrentStart = part * hidden;
        for (int r = from; r < to; r++) {
            int base = r * gh;
            ArrayMath.add(b.dzxStep, base, b.biasGradParts, biasStart, gh);
            if (cell.hasSeparateRecurrentPart()) {
                ArrayMath.add(b.dzrStep, base + gh - hidden, b.recurrentBiasGradParts, recurrentStart, hidden);
            }
        }
    }

    /** Multiplies rows [from, to) of the [batch, H] block at {@code offset} by their mask values at step t. */
    private void applyMask(int t, int from, int to, int hidden, double[] block, int offset) {
        double[] mask = buffers.mask;
        if (mask == null) {
            return;
        }
        int steps = buffers.steps;
        for (int r = from; r < to; r++) {
            double m = mask[r * steps + t];
            if (m != 1.0) {
                int start = offset + r * hidden;
                for (int j = 0; j < hidden; j++) {
                    block[start + j] *= m;
                }
            }
        }
    }
}
