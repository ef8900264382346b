package io.rnnkit.models.layers;

import io.rnnkit.models.kernels.ReproducibleMath;

/**
 * GRU step with the reset gate applied before the recurrent product (Keras's {@code reset_after=False},
 * ONNX's {@code linear_before_reset=0}), gate order [r, z, n]:
 * r = σ(x·W_r + h'·R_r + b_r), z = σ(x·W_z + h'·R_z + b_z),
 * n = tanh(x·W_n + b_n + (r ⊙ h')·R_n + rb), h = (1 − z) ⊙ n + z ⊙ h'.
 *
 * <p>The candidate's product needs this step's r, so the step runs in two halves around it: {@link #forwardGates}
 * (r, z and the gated state r ⊙ h'), then the time loop's {@link ResetGatedProduct}, then {@link #forward}.
 * Backward mirrors it: {@link #backward} (dn, dz), the product's dL/d(r ⊙ h'), then {@link #backwardGates} (dr).
 * h' here is the recurrent input, the state times the recurrent dropout mask where there is one.
 * Cache per unit: r, z, n and the gated state r ⊙ h'.
 */
final class GruResetBeforeCell implements RecurrentCell {

    private final GateActivation gate;

    /** A cell whose gates (r and z) use the given activation. */
    GruResetBeforeCell(GateActivation gate) {
        this.gate = gate;
    }

    @Override
    public int gates() {
        return 3;
    }

    @Override
    public boolean hasSeparateRecurrentPart() {
        return true;
    }

    @Override
    public boolean gatesRecurrentInput() {
        return true;
    }

    @Override
    public int cacheWidth() {
        return 4;
    }

    /** Cache offset of the gated state r ⊙ h' of row 0 (rows follow every {@code 4·H} values). */
    static int gatedStateOffset(StepBuffers s) {
        return s.cacheOffset + 3 * s.hidden;
    }

    @Override
    public void forwardGates(StepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        for (int row = firstRow; row < endRow; row++) {
            int zb = row * 3 * hidden;
            int st = row * hidden;
            int cache = s.cacheOffset + row * 4 * hidden;
            GateMath.preActivation(s.zx, zb, s.zr, zb, s.bias, s.cache, cache, 2 * hidden);
            gate.applyInPlace(s.cache, cache, cache + 2 * hidden);
            int gated = cache + 3 * hidden;
            for (int j = 0; j < hidden; j++) {
                s.cache[gated + j] = s.cache[cache + j] * (s.h[s.prevOffset + st + j] * mask(s, st + j));
            }
        }
    }

    @Override
    public void forward(StepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        for (int row = firstRow; row < endRow; row++) {
            int nk = row * 3 * hidden + 2 * hidden;
            int st = row * hidden;
            int cache = s.cacheOffset + row * 4 * hidden;
            int n0 = cache + 2 * hidden;
            for (int j = 0; j < hidden; j++) {
                s.cache[n0 + j] = s.zx[nk + j] + s.bias[2 * hidden + j] + (s.zr[nk + j] + s.recurrentBias[j]);
            }
            ReproducibleMath.tanh(s.cache, n0, s.cache, n0, hidden);
            for (int j = 0; j < hidden; j++) {
                double z = s.cache[cache + hidden + j];
                double n = s.cache[n0 + j];
                s.h[s.offset + st + j] = n + z * (s.h[s.prevOffset + st + j] - n);
            }
        }
    }

    /** The first half of the backward step: dn and dz, and the part of dL/dh' through z. */
    @Override
    public void backward(StepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        for (int row = firstRow; row < endRow; row++) {
            int zb = row * 3 * hidden;
            int st = row * hidden;
            int cache = s.cacheOffset + row * 4 * hidden;
            for (int j = 0; j < hidden; j++) {
                double z = s.cache[cache + hidden + j];
                double n = s.cache[cache + 2 * hidden + j];
                double dh = s.dh[st + j];
                double dn = dh * (1 - z) * (1 - n * n);
                double dz = gate.chain(dh * (s.h[s.prevOffset + st + j] - n), z);
                s.dzx[zb + hidden + j] = dz;
                s.dzr[zb + hidden + j] = dz;
                s.dzx[zb + 2 * hidden + j] = dn;
                s.dzr[zb + 2 * hidden + j] = dn;
                s.dhPrevDirect[st + j] = dh * z;
            }
        }
    }

    /**
     * The second half, given dL/d(r ⊙ h') in {@link StepBuffers#dGatedState}: dr, and the gated state's
     * share of dL/dh' (through the dropout mask, as the recurrent product's share is).
     */
    @Override
    public void backwardGates(StepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        for (int row = firstRow; row < endRow; row++) {
            int zb = row * 3 * hidden;
            int st = row * hidden;
            int cache = s.cacheOffset + row * 4 * hidden;
            for (int j = 0; j < hidden; j++) {
                double r = s.cache[cache + j];
                double dGated = s.dGatedState[st + j];
                double mask = mask(s, st + j);
                double dr = gate.chain(dGated * (s.h[s.prevOffset + st + j] * mask), r);
                s.dzx[zb + j] = dr;
                s.dzr[zb + j] = dr;
                s.dhPrevDirect[st + j] += dGated * r * mask;
            }
        }
    }

    /** The recurrent dropout mask's value for unit {@code i} (1 without dropout: h' times 1 is h' exactly). */
    private static double mask(StepBuffers s, int i) {
        return s.recurrentMask == null ? 1.0 : s.recurrentMask[i];
    }
}
