package io.rnnkit.models.layers;

import io.rnnkit.models.VectorApi;
import io.rnnkit.models.kernels.ReproducibleMath;

/**
 * LSTM step with DL4J's gate order [a, f, o, i] (block input, forget, output, input gate):
 * c = f⊙c' + i⊙a, h = o⊙tanh(c), with a = tanh(·) and the gates' {@link GateActivation}, as DL4J's {@code LSTM}.
 * Cache per unit: a, f, o, i, tanh(c).
 */
final class LstmCell implements RecurrentCell {

    private final GateActivation gate;

    /** A cell whose gates (f, o and i) use the given activation. */
    LstmCell(GateActivation gate) {
        this.gate = gate;
    }

    @Override
    public int gates() {
        return 4;
    }

    @Override
    public boolean hasCellState() {
        return true;
    }

    @Override
    public boolean hasFloatSteps() {
        return true;
    }

    @Override
    public int cacheWidth() {
        return 5;
    }

    @Override
    public void forward(StepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        boolean vector = VectorApi.present();
        for (int r = firstRow; r < endRow; r++) {
            int z = r * 4 * hidden;
            int st = r * hidden;
            int cache = s.cacheOffset + r * 5 * hidden;
            // the cache's first four blocks take the gates in z's order [a, f, o, i]
            GateMath.preActivation(s.zx, z, s.zr, z, s.bias, s.cache, cache, 4 * hidden);
            ReproducibleMath.tanh(s.cache, cache, s.cache, cache, hidden);
            gate.applyInPlace(s.cache, cache + hidden, cache + 4 * hidden);
            int c = s.offset + st;
            int cPrev = s.prevOffset + st;
            int j = vector ? VectorGateLoops.lstmCellState(s, cache, c, cPrev, hidden) : 0;
            for (; j < hidden; j++) {
                s.c[c + j] = s.cache[cache + hidden + j] * s.c[cPrev + j]
                        + s.cache[cache + 3 * hidden + j] * s.cache[cache + j];
            }
            int tanhC = cache + 4 * hidden;
            ReproducibleMath.tanh(s.c, c, s.cache, tanhC, hidden);
            j = vector ? VectorGateLoops.lstmOutput(s, cache, tanhC, c, hidden) : 0;
            for (; j < hidden; j++) {
                s.h[c + j] = s.cache[cache + 2 * hidden + j] * s.cache[tanhC + j];
            }
        }
    }

    @Override
    public void backward(StepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        boolean vector = VectorApi.present();
        for (int r = firstRow; r < endRow; r++) {
            int z = r * 4 * hidden;
            int st = r * hidden;
            int cache = s.cacheOffset + r * 5 * hidden;
            int j = vector ? VectorGateLoops.lstmBackward(s, gate, z, st, cache, hidden) : 0;
            for (; j < hidden; j++) {
                double a = s.cache[cache + j];
                double f = s.cache[cache + hidden + j];
                double o = s.cache[cache + 2 * hidden + j];
                double i = s.cache[cache + 3 * hidden + j];
                double tc = s.cache[cache + 4 * hidden + j];
                double dh = s.dh[st + j];
                double dc = s.dc[st + j] + dh * o * (1 - tc * tc);
                s.dzx[z + j] = dc * i * (1 - a * a);
                s.dzx[z + hidden + j] = gate.chain(dc * s.c[s.prevOffset + st + j], f);
                s.dzx[z + 2 * hidden + j] = gate.chain(dh * tc, o);
                s.dzx[z + 3 * hidden + j] = gate.chain(dc * a, i);
                s.dcPrev[st + j] = dc * f;
            }
        }
    }

    @Override
    public void forward(FloatStepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        boolean vector = VectorApi.present();
        for (int r = firstRow; r < endRow; r++) {
            int z = r * 4 * hidden;
            int st = r * hidden;
            int cache = s.cacheOffset + r * 5 * hidden;
            // the cache's first four blocks take the gates in z's order [a, f, o, i]
            GateMath.preActivation(s.zx, z, s.zr, z, s.bias, s.cache, cache, 4 * hidden);
            ReproducibleMath.tanh(s.cache, cache, s.cache, cache, hidden);
            gate.applyInPlace(s.cache, cache + hidden, cache + 4 * hidden);
            int c = s.offset + st;
            int cPrev = s.prevOffset + st;
            int j = vector ? FloatGateLoops.lstmCellState(s, cache, c, cPrev, hidden) : 0;
            for (; j < hidden; j++) {
                s.c[c + j] = s.cache[cache + hidden + j] * s.c[cPrev + j]
                        + s.cache[cache + 3 * hidden + j] * s.cache[cache + j];
            }
            int tanhC = cache + 4 * hidden;
            ReproducibleMath.tanh(s.c, c, s.cache, tanhC, hidden);
            j = vector ? FloatGateLoops.lstmOutput(s, cache, tanhC, c, hidden) : 0;
            for (; j < hidden; j++) {
                s.h[c + j] = s.cache[cache + 2 * hidden + j] * s.cache[tanhC + j];
            }
        }
    }

    @Override
    public void backward(FloatStepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        boolean vector = VectorApi.present();
        for (int r = firstRow; r < endRow; r++) {
            int z = r * 4 * hidden;
            int st = r * hidden;
            int cache = s.cacheOffset + r * 5 * hidden;
            int j = vector ? FloatGateLoops.lstmBackward(s, gate, z, st, cache, hidden) : 0;
            for (; j < hidden; j++) {
                float a = s.cache[cache + j];
                float f = s.cache[cache + hidden + j];
                float o = s.cache[cache + 2 * hidden + j];
                float i = s.cache[cache + 3 * hidden + j];
                float tc = s.cache[cache + 4 * hidden + j];
                float dh = s.dh[st + j];
                float dc = s.dc[st + j] + dh * o * (1 - tc * tc);
                s.dzx[z + j] = dc * i * (1 - a * a);
                s.dzx[z + hidden + j] = gate.chain(dc * s.c[s.prevOffset + st + j], f);
                s.dzx[z + 2 * hidden + j] = gate.chain(dh * tc, o);
                s.dzx[z + 3 * hidden + j] = gate.chain(dc * a, i);
                s.dcPrev[st + j] = dc * f;
            }
        }
    }
}
