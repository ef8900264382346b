package io.rnnkit.models.layers;

import io.rnnkit.models.VectorApi;
import io.rnnkit.models.kernels.ReproducibleMath;

/**
 * The pre-activation sum the fused gate loops share. The activations themselves run as whole-array passes of
 * {@link ReproducibleMath} (the same bits whether or not the loop is JIT-compiled), and a cell's own loops only
 * add, multiply and store: in Vector API lanes ({@link VectorGateLoops}) when the JVM has them, then one unit at a
 * time for the rest, or for all units without the Vector API. Either way each value gets the same operations in the
 * same order, so the two paths give the same bits.
 */
final class GateMath {

    private GateMath() {
    }

    /** dst[dstFrom + i] = x[xFrom + i] + y[yFrom + i] + bias[i] for i in [0, n): a gate block's pre-activation. */
    static void preActivation(double[] x, int xFrom, double[] y, int yFrom, double[] bias, double[] dst, int dstFrom,
                              int n) {
        int i = VectorApi.present() ? VectorGateLoops.preActivation(x, xFrom, y, yFrom, bias, dst, dstFrom, n) : 0;
        for (; i < n; i++) {
            dst[dstFrom + i] = x[xFrom + i] + y[yFrom + i] + bias[i];
        }
    }

    /** {@link #preActivation(double[], int, double[], int, double[], double[], int, int)} in float. */
    static void preActivation(float[] x, int xFrom, float[] y, int yFrom, float[] bias, float[] dst, int dstFrom,
                              int n) {
        int i = VectorApi.present() ? FloatGateLoops.preActivation(x, xFrom, y, yFrom, bias, dst, dstFrom, n) : 0;
        for (; i < n; i++) {
            dst[dstFrom + i] = x[xFrom + i] + y[yFrom + i] + bias[i];
        }
    }
}
