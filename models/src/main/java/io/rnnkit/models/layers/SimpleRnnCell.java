package io.rnnkit.models.layers;

import static io.rnnkit.models.layers.GateMath.LANES;
import static io.rnnkit.models.layers.GateMath.load;

import io.rnnkit.models.kernels.ReproducibleMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

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
        int bound = j + GateMath.vectorBound(n - j);
        DoubleVector one = DoubleVector.broadcast(GateMath.SPECIES, 1.0);
        for (; j < bound; j += LANES) {
            DoubleVector h = load(s.h, s.offset + j);
            DoubleVector dh = load(s.dh, j);
            DoubleVector dz = relu
                    ? dh.blend(0.0, h.compare(VectorOperators.LE, 0.0))
                    : dh.mul(one.sub(h.mul(h)));
            dz.intoArray(s.dzx, j);
        }
        for (; j < n; j++) {
            double h = s.h[s.offset + j];
            s.dzx[j] = relu ? (h > 0 ? s.dh[j] : 0.0) : s.dh[j] * (1 - h * h);
        }
    }
}
