package io.rnnkit.models.layers;

/**
 * {@link StepBuffers} in float, for the float heap path's time loops ({@link FloatSequenceLoops}): the same blocks
 * and offsets, so that a cell's float step reads like its double one.
 */
final class FloatStepBuffers implements Cloneable {
    int rows;
    int hidden;

    /** Input projection [rows, G·H] of this step, without bias. */
    float[] zx;
    /** Recurrent projection [rows, G·H] of this step. */
    float[] zr;
    /** Bias [G·H]. */
    float[] bias;
    /** Recurrent bias [H] of the candidate gate (GRU only). */
    float[] recurrentBias;

    /** States of all steps, [(T+1)·rows, H]; the previous state starts at prevOffset, this one at offset. */
    float[] h;
    float[] c;
    int prevOffset;
    int offset;
    /** Per-step cache, [T·rows, cacheWidth·H]; this step's starts at cacheOffset. */
    float[] cache;
    int cacheOffset;

    /** Backward inputs: dL/dh and dL/dc of this step's raw state, [rows, H]. */
    float[] dh;
    float[] dc;
    /** Backward outputs: gate gradients [rows, G·H] (input part and recurrent part). */
    float[] dzx;
    float[] dzr;
    /** dL/dc of the previous step and the part of dL/dh_prev that bypasses the recurrent GEMM. */
    float[] dcPrev;
    float[] dhPrevDirect;

    /** A copy sharing every array, for a row range of the time loop that sets its own offsets (and swaps dc). */
    FloatStepBuffers copy() {
        try {
            return (FloatStepBuffers) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError("FloatStepBuffers is Cloneable", e);
        }
    }
}
