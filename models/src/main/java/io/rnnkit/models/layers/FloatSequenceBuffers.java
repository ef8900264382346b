package io.rnnkit.models.layers;

/**
 * The heap blocks of {@link FloatSequenceLoops}: {@link SequenceBuffers}' double blocks in float, for a float network
 * on the float heap path, where the GEMM operands are floats already and the gate math runs in float lanes.
 */
final class FloatSequenceBuffers {
    float[] bias;
    float[] recurrentBias;
    float[] zxStep;
    float[] zrStep;
    /** States of all steps, [(T+1)·B, H], block 0 = the initial state. */
    float[] h;
    float[] c;
    float[] cache;
    float[] recurrentMask;
    float[] dh;
    float[] dc;
    float[] dcPrev;
    float[] dhNext;
    float[] dhPrevDirect;
    float[] dzxStep;
    float[] dzrStep;

    FloatSequenceBuffers(RecurrentCell cell, int batch, int steps, int hidden) {
        int gh = cell.gates() * hidden;
        int bh = batch * hidden;
        bias = new float[gh];
        recurrentBias = new float[hidden];
        zxStep = new float[batch * gh];
        zrStep = new float[batch * gh];
        h = new float[(steps + 1) * bh];
        c = cell.hasCellState() ? new float[(steps + 1) * bh] : null;
        cache = new float[steps * bh * cell.cacheWidth()];
        recurrentMask = new float[bh];
        dh = new float[bh];
        dc = new float[bh];
        dcPrev = new float[bh];
        dhNext = new float[bh];
        dhPrevDirect = new float[bh];
        dzxStep = new float[batch * gh];
        dzrStep = new float[batch * gh];
    }
}
