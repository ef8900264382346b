package io.rnnkit.models.layers;

import io.rnnkit.models.kernels.ReproducibleMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector helpers for the fused gate loops. The activations themselves run as whole-array passes of
 * {@link ReproducibleMath} (the same bits whether or not the loop is JIT-compiled), and a cell's own
 * loops only add, multiply and store.
 */
final class GateMath {

    static final VectorSpecies<Double> SPECIES = ReproducibleMath.DOUBLES;
    static final int LANES = SPECIES.length();

    private GateMath() {
    }

    /** Largest multiple of the lane count not above {@code n}: where the vector loop stops. */
    static int vectorBound(int n) {
        return SPECIES.loopBound(n);
    }

    static DoubleVector load(double[] a, int offset) {
        return DoubleVector.fromArray(SPECIES, a, offset);
    }

    /** dst[dstFrom + i] = x[xFrom + i] + y[yFrom + i] + bias[i] for i in [0, n): a gate block's pre-activation. */
    static void preActivation(double[] x, int xFrom, double[] y, int yFrom, double[] bias, double[] dst, int dstFrom,
                              int n) {
        int i = 0;
        for (int bound = vectorBound(n); i < bound; i += LANES) {
            load(x, xFrom + i).add(load(y, yFrom + i)).add(load(bias, i)).intoArray(dst, dstFrom + i);
        }
        for (; i < n; i++) {
            dst[dstFrom + i] = x[xFrom + i] + y[yFrom + i] + bias[i];
        }
    }
}
