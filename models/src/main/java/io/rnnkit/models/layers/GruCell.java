package io.rnnkit.models.layers;

import static io.rnnkit.models.layers.GateMath.LANES;
import static io.rnnkit.models.layers.GateMath.load;
import static io.rnnkit.models.layers.GateMath.sigmoid;
import static io.rnnkit.models.layers.GateMath.tanh;

import jdk.incubator.vector.DoubleVector;

/**
 * GRU step in the cuDNN/PyTorch formulation with gate order [r, z, n]:
 * r = σ(x·W_r + h'·R_r + b_r), z = σ(x·W_z + h'·R_z + b_z),
 * n = tanh(x·W_n + b_n + r ⊙ (h'·R_n + rb)), h = (1 − z) ⊙ n + z ⊙ h'.
 * Cache per unit: r, z, n and the recurrent candidate term h'·R_n + rb.
 */
final class GruCell implements RecurrentCell {

    @Override
    public int gates() {
        return 3;
    }

    @Override
    public boolean hasSeparateRecurrentPart() {
        return true;
    }

    @Override
    public int cacheWidth() {
        return 4;
    }

    @Override
    public void forward(StepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        int bound = GateMath.vectorBound(hidden);
        for (int row = firstRow; row < endRow; row++) {
            int zb = row * 3 * hidden;
            int st = row * hidden;
            int cache = s.cacheOffset + row * 4 * hidden;
            int j = 0;
            for (; j < bound; j += LANES) {
                DoubleVector r = sigmoid(load(s.zx, zb + j).add(load(s.zr, zb + j)).add(load(s.bias, j)));
                int zk = zb + hidden + j;
                DoubleVector z = sigmoid(load(s.zx, zk).add(load(s.zr, zk)).add(load(s.bias, hidden + j)));
                int nk = zb + 2 * hidden + j;
                DoubleVector hn = load(s.zr, nk).add(load(s.recurrentBias, j));
                DoubleVector n = tanh(load(s.zx, nk).add(load(s.bias, 2 * hidden + j)).add(r.mul(hn)));
                DoubleVector hPrev = load(s.h, s.prevOffset + st + j);
                n.add(z.mul(hPrev.sub(n))).intoArray(s.h, s.offset + st + j);
                r.intoArray(s.cache, cache + j);
                z.intoArray(s.cache, cache + hidden + j);
                n.intoArray(s.cache, cache + 2 * hidden + j);
                hn.intoArray(s.cache, cache + 3 * hidden + j);
            }
            for (; j < hidden; j++) {
                double r = sigmoid(s.zx[zb + j] + s.zr[zb + j] + s.bias[j]);
                int zk = zb + hidden + j;
                double z = sigmoid(s.zx[zk] + s.zr[zk] + s.bias[hidden + j]);
                int nk = zb + 2 * hidden + j;
                double hn = s.zr[nk] + s.recurrentBias[j];
                double n = tanh(s.zx[nk] + s.bias[2 * hidden + j] + r * hn);
                double hPrev = s.h[s.prevOffset + st + j];
                s.h[s.offset + st + j] = n + z * (hPrev - n);
                s.cache[cache + j] = r;
                s.cache[cache + hidden + j] = z;
                s.cache[cache + 2 * hidden + j] = n;
                s.cache[cache + 3 * hidden + j] = hn;
            }
        }
    }

    @Override
    public void backward(StepBuffers s, int firstRow, int endRow) {
        int hidden = s.hidden;
        int bound = GateMath.vectorBound(hidden);
        DoubleVector one = DoubleVector.broadcast(GateMath.SPECIES, 1.0);
        for (int row = firstRow; row < endRow; row++) {
            int zb = row * 3 * hidden;
            int st = row * hidden;
            int cache = s.cacheOffset + row * 4 * hidden;
            int j = 0;
            for (; j < bound; j += LANES) {
                DoubleVector r = load(s.cache, cache + j);
                DoubleVector z = load(s.cache, cache + hidden + j);
                DoubleVector n = load(s.cache, cache + 2 * hidden + j);
                DoubleVector hn = load(s.cache, cache + 3 * hidden + j);
                DoubleVector dh = load(s.dh, st + j);
                DoubleVector hPrev = load(s.h, s.prevOffset + st + j);
                DoubleVector dn = dh.mul(one.sub(z)).mul(one.sub(n.mul(n)));
                DoubleVector dr = dn.mul(hn).mul(r).mul(one.sub(r));
                DoubleVector dz = dh.mul(hPrev.sub(n)).mul(z).mul(one.sub(z));
                dr.intoArray(s.dzx, zb + j);
                dr.intoArray(s.dzr, zb + j);
                dz.intoArray(s.dzx, zb + hidden + j);
                dz.intoArray(s.dzr, zb + hidden + j);
                dn.intoArray(s.dzx, zb + 2 * hidden + j);
                dn.mul(r).intoArray(s.dzr, zb + 2 * hidden + j);
                dh.mul(z).intoArray(s.dhPrevDirect, st + j);
            }
            for (; j < hidden; j++) {
                double r = s.cache[cache + j];
                double z = s.cache[cache + hidden + j];
                double n = s.cache[cache + 2 * hidden + j];
                double hn = s.cache[cache + 3 * hidden + j];
                double dh = s.dh[st + j];
                double hPrev = s.h[s.prevOffset + st + j];
                double dn = dh * (1 - z) * (1 - n * n);
                double dr = dn * hn * r * (1 - r);
                double dz = dh * (hPrev - n) * z * (1 - z);
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
