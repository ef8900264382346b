package io.rnnkit.models.layers;

import static io.rnnkit.models.layers.GateMath.LANES;
import static io.rnnkit.models.layers.GateMath.load;

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
        int bound = GateMath.vectorBound(hidden);
        for (int row = firstRow; row < endRow; row++) {
            int st = row * hidden;
            int j = 0;
            for (; j < bound; j += LANES) {
                DoubleVector z = load(s.zx, st + j).add(load(s.zr, st + j)).add(load(s.bias, j));
                DoubleVector h = relu ? z.max(0.0) : GateMath.tanh(z);
                h.intoArray(s.h, s.offset + st + j);
            }
            for (; j < hidden; j++) {
                double z = s.zx[st + j] + s.zr[st + j] + s.bias[j];
                s.h[s.offset + st + j] = relu ? Math.max(z, 0.0) : GateMath.tanh(z);
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
