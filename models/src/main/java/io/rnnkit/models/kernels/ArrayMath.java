package io.rnnkit.models.kernels;

import io.rnnkit.models.VectorApi;

/**
 * Element-wise sums and conversions over runs of heap arrays: float or double rows added into others (on the Vector
 * API when the JVM has it, the same bits either way), and rows converted between float and double in plain loops,
 * which C2 vectorizes itself.
 */
public final class ArrayMath {

    private static final boolean VECTOR = VectorApi.present();

    private ArrayMath() {
    }

    /**
     * dst[dstFrom + i] += src[srcFrom + i] for i in [0, n).
     *
     * @param src the values to add
     * @param srcFrom where they start
     * @param dst the running sums
     * @param dstFrom where they start
     * @param n how many
     */
    public static void add(float[] src, int srcFrom, float[] dst, int dstFrom, int n) {
        int i = VECTOR ? VectorArrayMath.add(src, srcFrom, dst, dstFrom, n) : 0;
        for (; i < n; i++) {
            dst[dstFrom + i] += src[srcFrom + i];
        }
    }

    /**
     * dst[dstFrom + i] += src[srcFrom + i] for i in [0, n), in doubles.
     *
     * @param src the values to add
     * @param srcFrom where they start
     * @param dst the running sums
     * @param dstFrom where they start
     * @param n how many
     */
    public static void add(double[] src, int srcFrom, double[] dst, int dstFrom, int n) {
        int i = VECTOR ? VectorArrayMath.add(src, srcFrom, dst, dstFrom, n) : 0;
        for (; i < n; i++) {
            dst[dstFrom + i] += src[srcFrom + i];
        }
    }

    /**
     * dst[dstFrom + i] += src[srcFrom + i], the float widened to double, for i in [0, n).
     *
     * @param src the values to add
     * @param srcFrom where they start
     * @param dst the running sums
     * @param dstFrom where they start
     * @param n how many
     */
    public static void addWidened(float[] src, int srcFrom, double[] dst, int dstFrom, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstFrom + i] += src[srcFrom + i];
        }
    }

    /**
     * dst[dstFrom + i] = src[srcFrom + i], widened, for i in [0, n).
     *
     * @param src the floats
     * @param srcFrom where they start
     * @param dst the doubles
     * @param dstFrom where they start
     * @param n how many
     */
    public static void toDoubles(float[] src, int srcFrom, double[] dst, int dstFrom, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstFrom + i] = src[srcFrom + i];
        }
    }

    /**
     * dst[dstFrom + i] = (float) src[srcFrom + i] for i in [0, n).
     *
     * @param src the doubles
     * @param srcFrom where they start
     * @param dst the floats
     * @param dstFrom where they start
     * @param n how many
     */
    public static void toFloats(double[] src, int srcFrom, float[] dst, int dstFrom, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstFrom + i] = (float) src[srcFrom + i];
        }
    }
}
