package io.rnnkit.models.layers;

import io.rnnkit.models.VectorApi;
import io.rnnkit.models.kernels.ReproducibleMath;

/**
 * Elman step h = act(x·W + h'·RW + b) with act tanh or ReLU, as DL4J's {@code SimpleRnn}. Needs no
 * cache: both derivatives follow from h itself.
 */
final class SimpleRnnCell implements RecurrentCell {

    private final boolean relu;

    SimpleRnnCell(boolean relu) {
        this.relu = relu;
    }

    @Override
    public int gates() {
        return 1;
    }

    @Override
    public boolean hasFloatSteps() {
        return true;
    }

    @Override
    public int cacheWidth() {
        return 0;
    }

    @Override
    public void forward(StepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        for (int row = firstRow; row < endRow; row++) {
            int st = row * hidden;
            int h = s.offset + st;
            GateMath.preActivation(s.zx, st, s.zr, st, s.bias, s.h, h, hidden);
            if (relu) {
                for (int j = h; j < h + hidden; j++) {
                    s.h[j] = Math.max(s.h[j], 0.0);
                }
            } else {
                ReproducibleMath.tanh(s.h, h, s.h, h, hidden);
            }
        }
    }

    @Override
    public void backward(StepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        int n = endRow * hidden;
        int j = firstRow * hidden;
        if (VectorApi.present()) {
            j = VectorGateLoops.simpleRnnBackward(s, relu, j, n);
        }
        for (; j < n; j++) {
            double h = s.h[s.offset + j];
            s.dzx[j] = relu ? (h > 0 ? s.dh[j] : 0.0) : s.dh[j] * (1 - h * h);
        }
    }

    @Override
    public void forward(FloatStepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        for (int row = firstRow; row < endRow; row++) {
            int st = row * hidden;
            int h = s.offset + st;
            GateMath.preActivation(s.zx, st, s.zr, st, s.bias, s.h, h, hidden);
            if (relu) {
                for (int j = h; j < h + hidden; j++) {
                    s.h[j] = Math.max(s.h[j], 0.0f);
                }
            } else {
                ReproducibleMath.tanh(s.h, h, s.h, h, hidden);
            }
        }
    }

    @Override
    public void backward(FloatStepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        int n = endRow * hidden;
        int j = firstRow * hidden;
        if (VectorApi.present()) {
            j = FloatGateLoops.simpleRnnBackward(s, relu, j, n);
        }
        for (; j < n; j++) {
            float h = s.h[s.offset + j];
            s.dzx[j] = relu ? (h > 0 ? s.dh[j] : 0.0f) : s.dh[j] * (1 - h * h);
        }
    }
}
