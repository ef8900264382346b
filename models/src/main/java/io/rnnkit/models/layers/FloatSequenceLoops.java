package io.rnnkit.models.layers;

import io.rnnkit.models.kernels.ArrayMath;
import java.util.Arrays;

/**
 * {@link SequenceLoops} in float, for a float network on the float heap path ({@link FloatHeapPath}) with a cell that
 * {@link RecurrentCell#hasFloatSteps() has float steps}: the GEMMs' float outputs feed the gate math directly, which
 * runs in float lanes (twice as many per vector as double), and its float results feed the next GEMMs. Rows split
 * over the kernel pool as there.
 */
final class FloatSequenceLoops {

    private final RecurrentCell cell;
    private final FloatHeapPath products;
    private final SequenceBuffers buffers;
    private final FloatStepBuffers step = new FloatStepBuffers();

    FloatSequenceLoops(RecurrentCell cell, FloatHeapPath products, SequenceBuffers buffers) {
        this.cell = cell;
        this.products = products;
        this.buffers = buffers;
    }

    /**
     * Runs the forward loop over all steps from the initial states in the buffers, leaving the activations laid out
     * in {@code buffers.outputFloats} ([B, T, H] when {@code nwc}, else time-major [T, B, H]).
     */
    void forward(boolean nwc) {
        SequenceBuffers b = buffers;
        int batch = b.batch;
        FloatSequenceBuffers f = b.floats;
        products.setRecurrentInput(0, 0, batch, f.h, 0, b.recurrentDropoutActive ? f.recurrentMask : null);
        FloatStepBuffers s = bindStep(batch, b.hidden);
        int parts = SequenceLoops.rowRanges(b.threads, batch);
        if (parts == 1) {
            forwardRows(0, batch, s, nwc);
        } else {
            b.threads.runRanges(batch, parts, (from, to) -> forwardRows(from, to, s.copy(), nwc));
        }
    }

    /**
     * Runs the backward loop from the last step down to step {@code end}, from the output gradients in {@code
     * buffers.epsFloats}: stores every step's gate gradients in the products and sums the bias gradients.
     */
    void backward(int end) {
        SequenceBuffers b = buffers;
        int batch = b.batch;
        int hidden = b.hidden;
        int gh = cell.gates() * hidden;
        Arrays.fill(b.floats.dhNext, 0.0f);
        Arrays.fill(b.floats.dc, 0.0f);
        FloatStepBuffers s = bindStep(batch, hidden);
        int parts = SequenceLoops.rowRanges(b.threads, batch);
        b.ensureBiasGradientParts(parts, gh, hidden);
        if (parts == 1) {
            backwardRows(0, batch, end, s, 0);
        } else {
            b.threads.run(parts, part -> backwardRows(batch * part / parts, batch * (part + 1) / parts, end,
                    s.copy(), part));
        }
        b.sumBiasGradientParts(parts, gh, hidden);
    }

    private void forwardRows(int from, int to, FloatStepBuffers s, boolean nwc) {
        SequenceBuffers b = buffers;
        FloatSequenceBuffers f = b.floats;
        int hidden = b.hidden;
        int bh = b.batch * hidden;
        float[] recurrentMask = b.recurrentDropoutActive ? f.recurrentMask : null;
        for (int t = 0; t < b.steps; t++) {
            products.stepPreActivations(t, from, to, f.zrStep, f.zxStep);
            s.prevOffset = t * bh;
            s.offset = (t + 1) * bh;
            s.cacheOffset = t * bh * cell.cacheWidth();
            SequenceLoops.splitRows(b.threads, from, to, hidden, (first, end) -> cell.forward(s, first, end));
            applyMask(t, from, to, hidden, f.h, s.offset);
            if (cell.hasCellState()) {
                applyMask(t, from, to, hidden, f.c, s.offset);
            }
            products.setRecurrentInput(t + 1, from, to, f.h, s.offset, recurrentMask);
        }
        layOutRows(from, to, nwc);
    }

    /**
     * Lays out rows [from, to) of the states in the activations' memory order in {@code outputFloats}: [B, T, H] for
     * NWC, else time-major [T, B, H].
     */
    private void layOutRows(int from, int to, boolean nwc) {
        SequenceBuffers b = buffers;
        int steps = b.steps;
        int hidden = b.hidden;
        int bh = b.batch * hidden;
        for (int t = 0; t < steps; t++) {
            for (int r = from; r < to; r++) {
                int at = nwc ? (r * steps + t) * hidden : t * bh + r * hidden;
                System.arraycopy(b.floats.h, (t + 1) * bh + r * hidden, b.outputFloats, at, hidden);
            }
        }
    }

    private void backwardRows(int from, int to, int end, FloatStepBuffers s, int part) {
        SequenceBuffers b = buffers;
        FloatSequenceBuffers f = b.floats;
        int hidden = b.hidden;
        int bh = b.batch * hidden;
        int gh = cell.gates() * hidden;
        for (int t = b.steps - 1; t >= end; t--) {
            int epsStep = t * bh;
            for (int i = from * hidden; i < to * hidden; i++) {
                f.dh[i] = b.epsFloats[epsStep + i] + f.dhNext[i];
            }
            applyMask(t, from, to, hidden, f.dh, 0);
            if (cell.hasCellState()) {
                applyMask(t, from, to, hidden, s.dc, 0);
            }
            s.prevOffset = t * bh;
            s.offset = (t + 1) * bh;
            s.cacheOffset = t * bh * cell.cacheWidth();
            SequenceLoops.splitRows(b.threads, from, to, hidden, (first, last) -> cell.backward(s, first, last));
            accumulateBiasGradients(from, to, hidden, gh, part);
            products.storeGateGradients(t, from, to, f.dzxStep, s.dzr);
            if (t > end) {
                products.recurrentGradient(from, to, s.dzr, f.dhNext);
                if (b.recurrentDropoutActive) {
                    for (int i = from * hidden; i < to * hidden; i++) {
                        f.dhNext[i] *= f.recurrentMask[i];
                    }
                }
                if (cell.hasSeparateRecurrentPart()) {
                    for (int i = from * hidden; i < to * hidden; i++) {
                        f.dhNext[i] += f.dhPrevDirect[i];
                    }
                }
                float[] swap = s.dc;
                s.dc = s.dcPrev;
                s.dcPrev = swap;
            }
        }
    }

    private FloatStepBuffers bindStep(int batch, int hidden) {
        FloatSequenceBuffers f = buffers.floats;
        FloatStepBuffers s = step;
        s.rows = batch;
        s.hidden = hidden;
        s.zx = f.zxStep;
        s.zr = f.zrStep;
        s.bias = f.bias;
        s.recurrentBias = f.recurrentBias;
        s.h = f.h;
        s.c = f.c;
        s.cache = f.cache;
        s.dh = f.dh;
        s.dc = f.dc;
        s.dzx = f.dzxStep;
        s.dzr = cell.hasSeparateRecurrentPart() ? f.dzrStep : f.dzxStep;
        s.dcPrev = f.dcPrev;
        s.dhPrevDirect = f.dhPrevDirect;
        return s;
    }

    /** Adds rows [from, to) of the step's float gate gradients to row range {@code part}'s double bias sums. */
    private void accumulateBiasGradients(int from, int to, int hidden, int gh, int part) {
        SequenceBuffers b = buffers;
        FloatSequenceBuffers f = b.floats;
        int biasStart = part * gh;
        int recurrentStart = part * hidden;
        for (int r = from; r < to; r++) {
            int base = r * gh;
            ArrayMath.addWidened(f.dzxStep, base, b.biasGradParts, biasStart, gh);
            if (cell.hasSeparateRecurrentPart()) {
                ArrayMath.addWidened(f.dzrStep, base + gh - hidden, b.recurrentBiasGradParts, recurrentStart, hidden);
            }
        }
    }

    /** Multiplies rows [from, to) of the [batch, H] block at {@code offset} by their mask values at step t. */
    private void applyMask(int t, int from, int to, int hidden, float[] block, int offset) {
        double[] mask = buffers.mask;
        if (mask == null) {
            return;
        }
        int steps = buffers.steps;
        for (int r = from; r < to; r++) {
            float m = (float) mask[r * steps + t];
            if (m != 1.0f) {
                int start = offset + r * hidden;
                for (int j = 0; j < hidden; j++) {
                    block[start + j] *= m;
                }
            }
        }
    }
}
