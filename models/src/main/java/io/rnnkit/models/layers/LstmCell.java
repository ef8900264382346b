package io.rnnkit.models.layers;

import static io.rnnkit.models.layers.GateMath.LANES;
import static io.rnnkit.models.layers.GateMath.load;
import static io.rnnkit.models.layers.GateMath.sigmoid;
import static io.rnnkit.models.layers.GateMath.tanh;

import jdk.incubator.vector.DoubleVector;

/**
 * LSTM step with DL4J's gate order [a, f, o, i] (block input, forget, output, input gate):
 * c = f⊙c' + i⊙a, h = o⊙tanh(c), with a = tanh(·) and the gates sigmoid, as DL4J's {@code LSTM}.
 * Cache per unit: a, f, o, i, tanh(c).
 */
final class LstmCell implements RecurrentCell {

    @Override
    public int gates() {
        return 4;
    }

    @Override
    public boolean hasCellState() {
        return true;
    }

    @Override
    public int cacheWidth() {
        return 5;
    }

    @Override
    public void forward(StepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        int bound = GateMath.vectorBound(hidden);
        for (int r = firstRow; r < endRow; r++) {
            int z = r * 4 * hidden;
            int st = r * hidden;
            int cache = s.cacheOffset + r * 5 * hidden;
            int j = 0;
            for (; j < bound; j += LANES) {
                DoubleVector a = tanh(pre(s, z, 0, j));
                DoubleVector f = sigmoid(pre(s, z, hidden, j));
                DoubleVector o = sigmoid(pre(s, z, 2 * hidden, j));
                DoubleVector i = sigmoid(pre(s, z, 3 * hidden, j));
                DoubleVector c = f.mul(load(s.c, s.prevOffset + st + j)).add(i.mul(a));
                DoubleVector tc = tanh(c);
                c.intoArray(s.c, s.offset + st + j);
                o.mul(tc).intoArray(s.h, s.offset + st + j);
                a.intoArray(s.cache, cache + j);
                f.intoArray(s.cache, cache + hidden + j);
                o.intoArray(s.cache, cache + 2 * hidden + j);
                i.intoArray(s.cache, cache + 3 * hidden + j);
                tc.intoArray(s.cache, cache + 4 * hidden + j);
            }
            for (; j < hidden; j++) {
                double a = tanh(pre(s, z + j));
                double f = sigmoid(pre(s, z + hidden + j));
                double o = sigmoid(pre(s, z + 2 * hidden + j));
                double i = sigmoid(pre(s, z + 3 * hidden + j));
                double c = f * s.c[s.prevOffset + st + j] + i * a;
                double tc = tanh(c);
                s.c[s.offset + st + j] = c;
                s.h[s.offset + st + j] = o * tc;
                s.cache[cache + j] = a;
                s.cache[cache + hidden + j] = f;
                s.cache[cache + 2 * hidden + j] = o;
                s.cache[cache + 3 * hidden + j] = i;
                s.cache[cache + 4 * hidden + j] = tc;
            }
        }
    }

    @Override
    public void backward(StepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        int bound = GateMath.vectorBound(hidden);
        DoubleVector one = DoubleVector.broadcast(GateMath.SPECIES, 1.0);
        for (int r = firstRow; r < endRow; r++) {
            int z = r * 4 * hidden;
            int st = r * hidden;
            int cache = s.cacheOffset + r * 5 * hidden;
            int j = 0;
            for (; j < bound; j += LANES) {
                DoubleVector a = load(s.cache, cache + j);
                DoubleVector f = load(s.cache, cache + hidden + j);
                DoubleVector o = load(s.cache, cache + 2 * hidden + j);
                DoubleVector i = load(s.cache, cache + 3 * hidden + j);
                DoubleVector tc = load(s.cache, cache + 4 * hidden + j);
                DoubleVector dh = load(s.dh, st + j);
                DoubleVector cPrev = load(s.c, s.prevOffset + st + j);
                DoubleVector dc = load(s.dc, st + j).add(dh.mul(o).mul(one.sub(tc.mul(tc))));
                dc.mul(i).mul(one.sub(a.mul(a))).intoArray(s.dzx, z + j);
                dc.mul(cPrev).mul(f).mul(one.sub(f)).intoArray(s.dzx, z + hidden + j);
                dh.mul(tc).mul(o).mul(one.sub(o)).intoArray(s.dzx, z + 2 * hidden + j);
                dc.mul(a).mul(i).mul(one.sub(i)).intoArray(s.dzx, z + 3 * hidden + j);
                dc.mul(f).intoArray(s.dcPrev, st + j);
            }
            for (; j < hidden; j++) {
                double a = s.cache[cache + j];
                double f = s.cache[cache + hidden + j];
                double o = s.cache[cache + 2 * hidden + j];
                double i = s.cache[cache + 3 * hidden + j];
                double tc = s.cache[cache + 4 * hidden + j];
                double dh = s.dh[st + j];
                double dc = s.dc[st + j] + dh * o * (1 - tc * tc);
                s.dzx[z + j] = dc * i * (1 - a * a);
                s.dzx[z + hidden + j] = dc * s.c[s.prevOffset + st + j] * f * (1 - f);
                s.dzx[z + 2 * hidden + j] = dh * tc * o * (1 - o);
                s.dzx[z + 3 * hidden + j] = dc * a * i * (1 - i);
                s.dcPrev[st + j] = dc * f;
            }
        }
    }

    private static DoubleVector pre(StepBuffers s, int rowStart, int gateStart, int j) {
        int k = rowStart + gateStart + j;
        return load(s.zx, k).add(load(s.zr, k)).add(load(s.bias, gateStart + j));
    }

    private static double pre(StepBuffers s, int k) {
        return s.zx[k] + s.zr[k] + s.bias[k % s.bias.length];
    }
}
