package io.rnnkit.models.kernels;

import io.rnnkit.models.VectorApi;

/**
 * exp, sigmoid and tanh built from additions, multiplications, fused multiply-adds and exponent bit
 * arithmetic only, as scalars and as array kernels that give the same bits: in Vector API lanes
 * ({@link ReproducibleVectorMath}) when the JVM has the module, one entry at a time when it does not.
 *
 * <p>The Vector API's own {@code lanewise(EXP)} and {@code lanewise(TANH)} call Intel SVML once C2
 * has compiled the loop but {@code Math.exp}/{@code Math.tanh} before, and the two differ in the last
 * bits; since compilation time varies from run to run, so did the loss curve of a seeded run. Every
 * operation used here is exactly rounded in both modes, so a seed and a thread count fix every bit.
 *
 * <p>exp: x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite split of ln2), e^r by its Taylor series (degree
 * 12 in double, 7 in float: relative error below 3e-16 and 1e-8), times 2^n assembled in the
 * exponent bits; float networks' gate math uses the float forms (tanh with (e^r − 1)/r to degree 7). Inputs are clamped to the normal range, so results never overflow to infinity or
 * reach subnormals. tanh goes through e^y − 1 computed as 2^n·(e^r − 1) + (2^n − 1), so that it keeps
 * full relative precision near 0, where gradient checks look closest.
 */
public final class ReproducibleMath {

    static final double LOG2E = 1.4426950408889634;
    static final double LN2_HI = 0x1.62e42fee00000p-1;
    static final double LN2_LO = 0x1.a39ef35793c76p-33;
    /** Adding 1.5·2^52 rounds a double to an integer held in its low mantissa bits. */
    static final double ROUNDER = 0x1.8p52;
    static final double MIN_EXP_ARG = -708.0;
    static final double MAX_EXP_ARG = 709.0;
    /** Beyond this |x|, tanh(x) rounds to ±1 in double. */
    static final double TANH_SATURATION = 20.0;
    static final double[] EXP_TAYLOR = taylor(12);
    /** (e^r − 1) / r = Σ r^i / (i + 1)!, for expm1 without cancellation near 0. */
    static final double[] EXPM1_QUOTIENT = java.util.Arrays.copyOfRange(taylor(13), 1, 14);

    static final float LOG2E_F = 1.44269504f;
    static final float LN2_HI_F = 0.693145752f;
    static final float LN2_LO_F = 1.42860677e-6f;
    static final float ROUNDER_F = 0x1.8p23f;
    static final float MIN_EXP_ARG_F = -87.0f;
    static final float MAX_EXP_ARG_F = 88.0f;
    static final float[] EXP_TAYLOR_F = toFloats(taylor(7));
    /** (e^r − 1) / r to degree 7, in float. */
    static final float[] EXPM1_QUOTIENT_F = toFloats(java.util.Arrays.copyOfRange(taylor(8), 1, 9));
    /** Beyond this |x|, tanh(x) rounds to ±1 in float. */
    static final float TANH_SATURATION_F = 9.0f;

    private ReproducibleMath() {
    }

    /**
     * e^x, to within 3e-16 relative for x in [-708, 709]; clamped outside it.
     *
     * @param x the exponent
     * @return e^x, never infinite or subnormal
     */
    public static double exp(double x) {
        double clamped = Math.min(Math.max(x, MIN_EXP_ARG), MAX_EXP_ARG);
        double shifted = Math.fma(clamped, LOG2E, ROUNDER);
        double n = shifted - ROUNDER;
        double r = Math.fma(-n, LN2_LO, Math.fma(-n, LN2_HI, clamped));
        double p = EXP_TAYLOR[EXP_TAYLOR.length - 1];
        for (int i = EXP_TAYLOR.length - 2; i >= 0; i--) {
            p = Math.fma(p, r, EXP_TAYLOR[i]);
        }
        long exponent = (Double.doubleToRawLongBits(shifted) - Double.doubleToRawLongBits(ROUNDER) + 1023) << 52;
        return p * Double.longBitsToDouble(exponent);
    }

    /**
     * The logistic sigmoid 1 / (1 + e^−x), through {@link #exp(double)}.
     *
     * @param x the argument
     * @return the sigmoid of x
     */
    public static double sigmoid(double x) {
        return 1.0 / (1.0 + exp(-x));
    }

    /**
     * e^x − 1, to within a few ulp, for x in [-708, 709]; clamped outside it.
     *
     * @param x the exponent
     * @return e^x − 1, with full relative precision near 0
     */
    public static double expm1(double x) {
        double clamped = Math.min(Math.max(x, MIN_EXP_ARG), MAX_EXP_ARG);
        double shifted = Math.fma(clamped, LOG2E, ROUNDER);
        double n = shifted - ROUNDER;
        double r = Math.fma(-n, LN2_LO, Math.fma(-n, LN2_HI, clamped));
        double q = EXPM1_QUOTIENT[EXPM1_QUOTIENT.length - 1];
        for (int i = EXPM1_QUOTIENT.length - 2; i >= 0; i--) {
            q = Math.fma(q, r, EXPM1_QUOTIENT[i]);
        }
        long exponent = (Double.doubleToRawLongBits(shifted) - Double.doubleToRawLongBits(ROUNDER) + 1023) << 52;
        double scale = Double.longBitsToDouble(exponent);
        return Math.fma(scale, r * q, scale - 1.0);
    }

    /**
     * tanh(x) = e / (e + 2) with e = e^(2|x|) − 1 from {@link #expm1(double)}, and x's sign.
     *
     * @param x the argument
     * @return the hyperbolic tangent of x; ±1 beyond |x| = 20
     */
    public static double tanh(double x) {
        double a = Math.min(Math.abs(x), TANH_SATURATION);
        double e = expm1(a + a);
        return Math.copySign(e / (e + 2.0), x);
    }

    /**
     * Replaces a[from, to) by its sigmoid, 1 / (1 + e^−x), with the same bits as {@link #sigmoid(double)}: in
     * Vector API lanes when the JVM has them ({@link ReproducibleVectorMath}), else one entry at a time.
     *
     * @param a the array to transform
     * @param from the first index to replace
     * @param to the index after the last one to replace
     */
    public static void sigmoidInPlace(double[] a, int from, int to) {
        if (VectorApi.present()) {
            ReproducibleVectorMath.sigmoidInPlace(a, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            a[i] = sigmoid(a[i]);
        }
    }

    /**
     * Writes tanh(src[srcFrom + i]) to dst[dstFrom + i] for i in [0, n), with the same bits as
     * {@link #tanh(double)}; src and dst may be the same range. Vector API lanes when the JVM has them.
     *
     * @param src the arguments
     * @param srcFrom the index of the first argument
     * @param dst the array the results go to
     * @param dstFrom the index of the first result
     * @param n how many values
     */
    public static void tanh(double[] src, int srcFrom, double[] dst, int dstFrom, int n) {
        if (VectorApi.present()) {
            ReproducibleVectorMath.tanh(src, srcFrom, dst, dstFrom, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[dstFrom + i] = tanh(src[srcFrom + i]);
        }
    }

    /**
     * e^x in float, to within 1e-7 relative for x in [-87, 88]; clamped outside it.
     *
     * @param x the exponent
     * @return e^x, never infinite or subnormal
     */
    public static float exp(float x) {
        float clamped = Math.min(Math.max(x, MIN_EXP_ARG_F), MAX_EXP_ARG_F);
        float shifted = Math.fma(clamped, LOG2E_F, ROUNDER_F);
        float n = shifted - ROUNDER_F;
        float r = Math.fma(-n, LN2_LO_F, Math.fma(-n, LN2_HI_F, clamped));
        float p = EXP_TAYLOR_F[EXP_TAYLOR_F.length - 1];
        for (int i = EXP_TAYLOR_F.length - 2; i >= 0; i--) {
            p = Math.fma(p, r, EXP_TAYLOR_F[i]);
        }
        int exponent = (Float.floatToRawIntBits(shifted) - Float.floatToRawIntBits(ROUNDER_F) + 127) << 23;
        return p * Float.intBitsToFloat(exponent);
    }

    /**
     * The logistic sigmoid 1 / (1 + e^−x) in float, through {@link #exp(float)}.
     *
     * @param x the argument
     * @return the sigmoid of x
     */
    public static float sigmoid(float x) {
        return 1.0f / (1.0f + exp(-x));
    }

    /**
     * e^x − 1 in float, to within a few ulp, for x in [-87, 88]; clamped outside it.
     *
     * @param x the exponent
     * @return e^x − 1, with full relative precision near 0
     */
    public static float expm1(float x) {
        float clamped = Math.min(Math.max(x, MIN_EXP_ARG_F), MAX_EXP_ARG_F);
        float shifted = Math.fma(clamped, LOG2E_F, ROUNDER_F);
        float n = shifted - ROUNDER_F;
        float r = Math.fma(-n, LN2_LO_F, Math.fma(-n, LN2_HI_F, clamped));
        float q = EXPM1_QUOTIENT_F[EXPM1_QUOTIENT_F.length - 1];
        for (int i = EXPM1_QUOTIENT_F.length - 2; i >= 0; i--) {
            q = Math.fma(q, r, EXPM1_QUOTIENT_F[i]);
        }
        int exponent = (Float.floatToRawIntBits(shifted) - Float.floatToRawIntBits(ROUNDER_F) + 127) << 23;
        float scale = Float.intBitsToFloat(exponent);
        return Math.fma(scale, r * q, scale - 1.0f);
    }

    /**
     * tanh(x) in float: e / (e + 2) with e = e^(2|x|) − 1 from {@link #expm1(float)}, and x's sign.
     *
     * @param x the argument
     * @return the hyperbolic tangent of x; ±1 beyond |x| = 9
     */
    public static float tanh(float x) {
        float a = Math.min(Math.abs(x), TANH_SATURATION_F);
        float e = expm1(a + a);
        return Math.copySign(e / (e + 2.0f), x);
    }

    /**
     * Replaces a[from, to) by its sigmoid with the same bits as {@link #sigmoid(float)}: in Vector API lanes when
     * the JVM has them, else one entry at a time.
     *
     * @param a the array to transform
     * @param from the first index to replace
     * @param to the index after the last one to replace
     */
    public static void sigmoidInPlace(float[] a, int from, int to) {
        if (VectorApi.present()) {
            ReproducibleVectorMath.sigmoidInPlace(a, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            a[i] = sigmoid(a[i]);
        }
    }

    /**
     * Writes tanh(src[srcFrom + i]) to dst[dstFrom + i] for i in [0, n), with the same bits as {@link #tanh(float)};
     * src and dst may be the same range. Vector API lanes when the JVM has them.
     *
     * @param src the arguments
     * @param srcFrom the index of the first argument
     * @param dst the array the results go to
     * @param dstFrom the index of the first result
     * @param n how many values
     */
    public static void tanh(float[] src, int srcFrom, float[] dst, int dstFrom, int n) {
        if (VectorApi.present()) {
            ReproducibleVectorMath.tanh(src, srcFrom, dst, dstFrom, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[dstFrom + i] = tanh(src[srcFrom + i]);
        }
    }

    /**
     * Replaces a[0, n) by e^(a[i] − shift) with the same bits as {@link #exp(float)}, and returns their sum. With
     * the Vector API the lanes are summed separately, then added in lane order, then the tail; without it the sum
     * runs in index order, so it may differ in the last bits.
     *
     * @param a the values, replaced by their shifted exponentials
     * @param n how many leading values of {@code a} to use
     * @param shift what to subtract before exponentiating (a row's maximum, for a stable softmax)
     * @return the sum of the exponentials
     */
    public static float expShiftedInPlace(float[] a, int n, float shift) {
        if (VectorApi.present()) {
            return ReproducibleVectorMath.expShiftedInPlace(a, n, shift);
        }
        float total = 0f;
        for (int i = 0; i < n; i++) {
            a[i] = exp(a[i] - shift);
            total += a[i];
        }
        return total;
    }

    private static double[] taylor(int degree) {
        double[] coefficients = new double[degree + 1];
        double term = 1.0;
        for (int i = 0; i <= degree; i++) {
            coefficients[i] = term;
            term /= i + 1;
        }
        return coefficients;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
