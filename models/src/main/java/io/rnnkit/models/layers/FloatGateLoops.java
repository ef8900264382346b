package io.rnnkit.models.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorGateLoops} in float lanes, for the float heap path's cells: each method runs whole vectors from the
 * start of its range and returns where it stopped, and the cell's own scalar loop, with the same operations in the
 * same order, finishes the range. Loaded only when the JVM has the Vector API
 * ({@link io.rnnkit.models.VectorApi#present()}).
 */
final class FloatGateLoops {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private FloatGateLoops() {
    }

    /** {@link GateMath#preActivation(float[], int, float[], int, float[], float[], int, int)}'s whole vectors; returns where they end. */
    static int preActivation(float[] x, int xFrom, float[] y, int yFrom, float[] bias, float[] dst, int dstFrom,
                             int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
            load(x, xFrom + i).add(load(y, yFrom + i)).add(load(bias, i)).intoArray(dst, dstFrom + i);
        }
        return i;
    }

    /** {@link SimpleRnnCell#backward}'s dz for flat indices [from, to); returns where the whole vectors end. */
    static int simpleRnnBackward(FloatStepBuffers s, boolean relu, int from, int to) {
        int j = from;
        int bound = j + SPECIES.loopBound(to - j);
        FloatVector one = FloatVector.broadcast(SPECIES, 1.0f);
        for (; j < bound; j += LANES) {
            FloatVector h = load(s.h, s.offset + j);
            FloatVector dh = load(s.dh, j);
            FloatVector dz = relu
                    ? dh.blend(0.0f, h.compare(VectorOperators.LE, 0.0f))
                    : dh.mul(one.sub(h.mul(h)));
            dz.intoArray(s.dzx, j);
        }
        return j;
    }

    /** {@link LstmCell#forward}'s c = f⊙c' + i⊙a for one row (cache, state offsets as there). */
    static int lstmCellState(FloatStepBuffers s, int cache, int c, int cPrev, int hidden) {
        int j = 0;
        for (int bound = SPECIES.loopBound(hidden); j < bound; j += LANES) {
            FloatVector a = load(s.cache, cache + j);
            FloatVector f = load(s.cache, cache + hidden + j);
            FloatVector i = load(s.cache, cache + 3 * hidden + j);
            f.mul(load(s.c, cPrev + j)).add(i.mul(a)).intoArray(s.c, c + j);
        }
        return j;
    }

    /** {@link LstmCell#forward}'s h = o⊙tanh(c) for one row. */
    static int lstmOutput(FloatStepBuffers s, int cache, int tanhC, int c, int hidden) {
        int j = 0;
        for (int bound = SPECIES.loopBound(hidden); j < bound; j += LANES) {
            load(s.cache, cache + 2 * hidden + j).mul(load(s.cache, tanhC + j)).intoArray(s.h, c + j);
        }
        return j;
    }

    /** {@link LstmCell#backward} for one row: the gate gradients and dL/dc'. */
    static int lstmBackward(FloatStepBuffers s, GateActivation gate, int z, int st, int cache, int hidden) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1.0f);
        int j = 0;
        for (int bound = SPECIES.loopBound(hidden); j < bound; j += LANES) {
            FloatVector a = load(s.cache, cache + j);
            FloatVector f = load(s.cache, cache + hidden + j);
            FloatVector o = load(s.cache, cache + 2 * hidden + j);
            FloatVector i = load(s.cache, cache + 3 * hidden + j);
            FloatVector tc = load(s.cache, cache + 4 * hidden + j);
            FloatVector dh = load(s.dh, st + j);
            FloatVector cPrev = load(s.c, s.prevOffset + st + j);
            FloatVector dc = load(s.dc, st + j).add(dh.mul(o).mul(one.sub(tc.mul(tc))));
            dc.mul(i).mul(one.sub(a.mul(a))).intoArray(s.dzx, z + j);
            chain(gate, dc.mul(cPrev), f).intoArray(s.dzx, z + hidden + j);
            chain(gate, dh.mul(tc), o).intoArray(s.dzx, z + 2 * hidden + j);
            chain(gate, dc.mul(a), i).intoArray(s.dzx, z + 3 * hidden + j);
            dc.mul(f).intoArray(s.dcPrev, st + j);
        }
        return j;
    }

    /** {@link GruCell#forward}'s recurrent candidate term and candidate pre-activation for one row. */
    static int gruCandidate(FloatStepBuffers s, int cache, int nk, int n0, int hn0, int hidden) {
        int j = 0;
        for (int bound = SPECIES.loopBound(hidden); j < bound; j += LANES) {
            FloatVector hn = load(s.zr, nk + j).add(load(s.recurrentBias, j));
            hn.intoArray(s.cache, hn0 + j);
            load(s.zx, nk + j).add(load(s.bias, 2 * hidden + j)).add(load(s.cache, cache + j).mul(hn))
                    .intoArray(s.cache, n0 + j);
        }
        return j;
    }

    /** {@link GruCell#forward}'s h = n + z⊙(h' − n) for one row. */
    static int gruOutput(FloatStepBuffers s, int cache, int n0, int st, int hidden) {
        int j = 0;
        for (int bound = SPECIES.loopBound(hidden); j < bound; j += LANES) {
            FloatVector z = load(s.cache, cache + hidden + j);
            FloatVector n = load(s.cache, n0 + j);
            FloatVector hPrev = load(s.h, s.prevOffset + st + j);
            n.add(z.mul(hPrev.sub(n))).intoArray(s.h, s.offset + st + j);
        }
        return j;
    }

    /** {@link GruCell#backward} for one row: the gate gradients and the direct part of dL/dh'. */
    static int gruBackward(FloatStepBuffers s, GateActivation gate, int zb, int st, int cache, int hidden) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1.0f);
        int j = 0;
        for (int bound = SPECIES.loopBound(hidden); j < bound; j += LANES) {
            FloatVector r = load(s.cache, cache + j);
            FloatVector z = load(s.cache, cache + hidden + j);
            FloatVector n = load(s.cache, cache + 2 * hidden + j);
            FloatVector hn = load(s.cache, cache + 3 * hidden + j);
            FloatVector dh = load(s.dh, st + j);
            FloatVector hPrev = load(s.h, s.prevOffset + st + j);
            FloatVector dn = dh.mul(one.sub(z)).mul(one.sub(n.mul(n)));
            FloatVector dr = chain(gate, dn.mul(hn), r);
            FloatVector dz = chain(gate, dh.mul(hPrev.sub(n)), z);
            dr.intoArray(s.dzx, zb + j);
            dr.intoArray(s.dzr, zb + j);
            dz.intoArray(s.dzx, zb + hidden + j);
            dz.intoArray(s.dzr, zb + hidden + j);
            dn.intoArray(s.dzx, zb + 2 * hidden + j);
            dn.mul(r).intoArray(s.dzr, zb + 2 * hidden + j);
            dh.mul(z).intoArray(s.dhPrevDirect, st + j);
        }
        return j;
    }

    /** {@link GateActivation#chain(float, float)} in lanes, with the same rounding. */
    static FloatVector chain(GateActivation gate, FloatVector upstream, FloatVector g) {
        if (gate == GateActivation.SIGMOID) {
            return upstream.mul(g).mul(FloatVector.broadcast(SPECIES, 1.0f).sub(g));
        }
        VectorMask<Float> sloped = g.compare(VectorOperators.GT, 0.0f).and(g.compare(VectorOperators.LT, 1.0f));
        return upstream.mul(FloatVector.zero(SPECIES).blend(GateActivation.HARD_SLOPE_F, sloped));
    }

    private static FloatVector load(float[] a, int offset) {
        return FloatVector.fromArray(SPECIES, a, offset);
    }
}
