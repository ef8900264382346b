package io.rnnkit.models.layers;

/**
 * Heap blocks one recurrent step reads and writes, shared between the layer's time loop and its
 * {@link RecurrentCell}. Arrays that span all time steps are addressed with the offsets below.
 */
final class StepBuffers implements Cloneable {
    int rows;
    int hidden;

    /** Input projection [rows, G·H] of this step, without bias. */
    double[] zx;
    /** Recurrent projection [rows, G·H] of this step. */
    double[] zr;
    /** Bias [G·H]. */
    double[] bias;
    /** Recurrent bias [H] of the candidate gate (GRU only). */
    double[] recurrentBias;

    /** States of all steps, [(T+1)·rows, H]; the previous state starts at prevOffset, this one at offset. */
    double[] h;
    double[] c;
    int prevOffset;
    int offset;
    /** Per-step cache, [T·rows, cacheWidth·H]; this step's starts at cacheOffset. */
    double[] cache;
    int cacheOffset;

    /** The recurrent dropout mask [rows, H] of this pass, or null. */
    double[] recurrentMask;

    /** Backward inputs: dL/dh and dL/dc of this step's raw state, [rows, H]. */
    double[] dh;
    double[] dc;
    /** Backward outputs: gate gradients [rows, G·H] (input part and recurrent part). */
    double[] dzx;
    double[] dzr;
    /** dL/dc of the previous step and the part of dL/dh_prev that bypasses the recurrent GEMM. */
    double[] dcPrev;
    double[] dhPrevDirect;
    /** dL/d(r ⊙ h') [rows, H] of a cell that gates its recurrent input (GRU with the reset gate first). */
    double[] dGatedState;

    /** A copy sharing every array, for a row range of the time loop that sets its own offsets (and swaps dc). */
    StepBuffers copy() {
        try {
            return (StepBuffers) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError("StepBuffers is Cloneable", e);
        }
    }
}
