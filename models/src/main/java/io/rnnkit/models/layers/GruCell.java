package io.rnnkit.models.layers;

import io.rnnkit.models.VectorApi;
import io.rnnkit.models.kernels.ReproducibleMath;

/**
 * GRU step in the cuDNN/PyTorch formulation with gate order [r, z, n]:
 * r = σ(x·W_r + h'·R_r + b_r), z = σ(x·W_z + h'·R_z + b_z) (σ the {@link GateActivation}),
 * n = tanh(x·W_n + b_n + r ⊙ (h'·R_n + rb)), h = (1 − z) ⊙ n + z ⊙ h'.
 * Cache per unit: r, z, n and the recurrent candidate term h'·R_n + rb.
 */
final class GruCell implements RecurrentCell {

    private final GateActivation gate;

    /** A cell whose gates (r and z) use the given activation. */
    GruCell(GateActivation gate) {
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
    public boolean hasFloatSteps() {
        return true;
    }

    @Override
    public int cacheWidth() {
        return 4;
    }

    @Override
    public void forward(StepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        boolean vector = VectorApi.present();
        for (int row = firstRow; row < endRow; row++) {
            int zb = row * 3 * hidden;
            int st = row * hidden;
            int cache = s.cacheOffset + row * 4 * hidden;
            int n0 = cache + 2 * hidden;
            int hn0 = cache + 3 * hidden;
            GateMath.preActivation(s.zx, zb, s.zr, zb, s.bias, s.cache, cache, 2 * hidden);
            gate.applyInPlace(s.cache, cache, cache + 2 * hidden);
            int nk = zb + 2 * hidden;
            int j = vector ? VectorGateLoops.gruCandidate(s, cache, nk, n0, hn0, hidden) : 0;
            for (; j < hidden; j++) {
                double hn = s.zr[nk + j] + s.recurrentBias[j];
                s.cache[hn0 + j] = hn;
                s.cache[n0 + j] = s.zx[nk + j] + s.bias[2 * hidden + j] + s.cache[cache + j] * hn;
            }
            ReproducibleMath.tanh(s.cache, n0, s.cache, n0, hidden);
            j = vector ? VectorGateLoops.gruOutput(s, cache, n0, st, hidden) : 0;
            for (; j < hidden; j++) {
                double z = s.cache[cache + hidden + j];
                double n = s.cache[n0 + j];
                s.h[s.offset + st + j] = n + z * (s.h[s.prevOffset + st + j] - n);
            }
        }
    }

    @Override
    public void backward(StepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        boolean vector = VectorApi.present();
        for (int row = firstRow; row < endRow; row++) {
            int zb = row * 3 * hidden;
            int st = row * hidden;
            int cache = s.cacheOffset + row * 4 * hidden;
            int j = vector ? VectorGateLoops.gruBackward(s, gate, zb, st, cache, hidden) : 0;
            for (; j < hidden; j++) {
                double r = s.cache[cache + j];
                double z = s.cache[cache + hidden + j];
                double n = s.cache[cache + 2 * hidden + j];
                double hn = s.cache[cache + 3 * hidden + j];
                double dh = s.dh[st + j];
                double hPrev = s.h[s.prevOffset + st + j];
                double dn = dh * (1 - z) * (1 - n * n);
                double dr = gate.chain(dn * hn, r);
                double dz = gate.chain(dh * (hPrev - n), z);
                s.dzx[zb + j] = dr;
                s.dzr[zb + j] = dr;
                s.dzx[zb + hidden + j] = dz;
                s.dzr[zb + hidden + j] = dz;
                s.dzx[zb + 2 * hidden + j] = dn;
                s.dzr[zb + 2 * hidden + j] = dn * r;
                s.dhPrevDirect[st + j] = dh * z;
            }
        }
    }

    @Override
    public void forward(FloatStepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        boolean vector = VectorApi.present();
        for (int row = firstRow; row < endRow; row++) {
            int zb = row * 3 * hidden;
            int st = row * hidden;
            int cache = s.cacheOffset + row * 4 * hidden;
            int n0 = cache + 2 * hidden;
            int hn0 = cache + 3 * hidden;
            GateMath.preActivation(s.zx, zb, s.zr, zb, s.bias, s.cache, cache, 2 * hidden);
            gate.applyInPlace(s.cache, cache, cache + 2 * hidden);
            int nk = zb + 2 * hidden;
            int j = vector ? FloatGateLoops.gruCandidate(s, cache, nk, n0, hn0, hidden) : 0;
            for (; j < hidden; j++) {
                float hn = s.zr[nk + j] + s.recurrentBias[j];
                s.cache[hn0 + j] = hn;
                s.cache[n0 + j] = s.zx[nk + j] + s.bias[2 * hidden + j] + s.cache[cache + j] * hn;
            }
            ReproducibleMath.tanh(s.cache, n0, s.cache, n0, hidden);
            j = vector ? FloatGateLoops.gruOutput(s, cache, n0, st, hidden) : 0;
            for (; j < hidden; j++) {
                float z = s.cache[cache + hidden + j];
                float n = s.cache[n0 + j];
                s.h[s.offset + st + j] = n + z * (s.h[s.prevOffset + st + j] - n);
            }
        }
    }

    @Override
    public void backward(FloatStepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        boolean vector = VectorApi.present();
        for (int row = firstRow; row < endRow; row++) {
            int zb = row * 3 * hidden;
            int st = row * hidden;
            int cache = s.cacheOffset + row * 4 * hidden;
            int j = vector ? FloatGateLoops.gruBackward(s, gate, zb, st, cache, hidden) : 0;
            for (; j < hidden; j++) {
                float r = s.cache[cache + j];
                float z = s.cache[cache + hidden + j];
                float n = s.cache[cache + 2 * hidden + j];
                float hn = s.cache[cache + 3 * hidden + j];
                float dh = s.dh[st + j];
                float hPrev = s.h[s.prevOffset + st + j];
                float dn = dh * (1 - z) * (1 - n * n);
                float dr = gate.chain(dn * hn, r);
                float dz = gate.chain(dh * (hPrev - n), z);
                s.dzx[zb + j] = dr;
                s.dzr[zb + j] = dr;
                s.dzx[zb + hidden + j] = dz;
                s.dzr[zb + hidden + j] = dz;
                s.dzx[zb + 2 * hidden + j] = dn;
                s.dzr[zb + 2 * hidden + j] = dn * r;
                s.dhPrevDirect[st + j] = dh * z;
            }
        }
    }
}
