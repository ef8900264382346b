package io.rnnkit.models.kernels;

import static io.rnnkit.models.kernels.ReproducibleMath.EXPM1_QUOTIENT;
import static io.rnnkit.models.kernels.ReproducibleMath.EXPM1_QUOTIENT_F;
import static io.rnnkit.models.kernels.ReproducibleMath.EXP_TAYLOR;
import static io.rnnkit.models.kernels.ReproducibleMath.EXP_TAYLOR_F;
import static io.rnnkit.models.kernels.ReproducibleMath.LN2_HI;
import static io.rnnkit.models.kernels.ReproducibleMath.LN2_HI_F;
import static io.rnnkit.models.kernels.ReproducibleMath.LN2_LO;
import static io.rnnkit.models.kernels.ReproducibleMath.LN2_LO_F;
import static io.rnnkit.models.kernels.ReproducibleMath.LOG2E;
import static io.rnnkit.models.kernels.ReproducibleMath.LOG2E_F;
import static io.rnnkit.models.kernels.ReproducibleMath.MAX_EXP_ARG;
import static io.rnnkit.models.kernels.ReproducibleMath.MAX_EXP_ARG_F;
import static io.rnnkit.models.kernels.ReproducibleMath.MIN_EXP_ARG;
import static io.rnnkit.models.kernels.ReproducibleMath.MIN_EXP_ARG_F;
import static io.rnnkit.models.kernels.ReproducibleMath.ROUNDER;
import static io.rnnkit.models.kernels.ReproducibleMath.ROUNDER_F;
import static io.rnnkit.models.kernels.ReproducibleMath.TANH_SATURATION;
import static io.rnnkit.models.kernels.ReproducibleMath.TANH_SATURATION_F;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API forms of {@link ReproducibleMath}'s array kernels, with the same bits as its scalars. Loaded only
 * when the JVM has the Vector API ({@link io.rnnkit.models.VectorApi#present()}).
 */
final class ReproducibleVectorMath {

    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    private ReproducibleVectorMath() {
    }

    /** Floats per vector: {@link #expShiftedInPlace} sums that many lanes apart before adding them up. */
    static int floatLanes() {
        return FLOATS.length();
    }

    /**
     * Replaces a[from, to) by its sigmoid, 1 / (1 + e^−x), with the same bits as
     * {@link ReproducibleMath#sigmoid(double)}.
     *
     * <p>The array kernels hold their whole vector computation in the loop body: called as separate
     * methods, the Vector API steps could miss C2's inlining budget and run their Java fallbacks,
     * many times slower (seen in a JFR profile of char-lm training).
     */
    static void sigmoidInPlace(double[] a, int from, int to) {
        int lanes = DOUBLES.length();
        DoubleVector one = DoubleVector.broadcast(DOUBLES, 1.0);
        DoubleVector ln2Hi = DoubleVector.broadcast(DOUBLES, LN2_HI);
        DoubleVector ln2Lo = DoubleVector.broadcast(DOUBLES, LN2_LO);
        int i = from;
        for (int bound = from + DOUBLES.loopBound(to - from); i < bound; i += lanes) {
            DoubleVector x = DoubleVector.fromArray(DOUBLES, a, i).neg();
            // e^x: x = n·ln2 + r, e^r by Taylor (Horner, highest degree first), times 2^n
            DoubleVector clamped = x.max(MIN_EXP_ARG).min(MAX_EXP_ARG);
            DoubleVector shifted = clamped.fma(LOG2E, ROUNDER);
            DoubleVector minusN = shifted.sub(ROUNDER).neg();
            DoubleVector r = minusN.fma(ln2Lo, minusN.fma(ln2Hi, clamped));
            DoubleVector p = DoubleVector.broadcast(DOUBLES, EXP_TAYLOR[EXP_TAYLOR.length - 1]);
            for (int k = EXP_TAYLOR.length - 2; k >= 0; k--) {
                p = p.fma(r, DoubleVector.broadcast(DOUBLES, EXP_TAYLOR[k]));
            }
            DoubleVector scale = shifted.reinterpretAsLongs()
                    .sub(Double.doubleToRawLongBits(ROUNDER) - 1023)
                    .lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles();
            one.div(one.add(p.mul(scale))).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = ReproducibleMath.sigmoid(a[i]);
        }
    }

    /**
     * Writes tanh(src[srcFrom + i]) to dst[dstFrom + i] for i in [0, n), with the same bits as
     * {@link ReproducibleMath#tanh(double)}; src and dst may be the same range. See {@link #sigmoidInPlace}.
     */
    static void tanh(double[] src, int srcFrom, double[] dst, int dstFrom, int n) {
        int lanes = DOUBLES.length();
        DoubleVector ln2Hi = DoubleVector.broadcast(DOUBLES, LN2_HI);
        DoubleVector ln2Lo = DoubleVector.broadcast(DOUBLES, LN2_LO);
        int i = 0;
        for (int bound = DOUBLES.loopBound(n); i < bound; i += lanes) {
            DoubleVector x = DoubleVector.fromArray(DOUBLES, src, srcFrom + i);
            DoubleVector a = x.abs().min(TANH_SATURATION);
            // e^(2a) − 1 = 2^n·(e^r − 1) + (2^n − 1), with (e^r − 1)/r by Taylor
            DoubleVector clamped = a.add(a).max(MIN_EXP_ARG).min(MAX_EXP_ARG);
            DoubleVector shifted = clamped.fma(LOG2E, ROUNDER);
            DoubleVector minusN = shifted.sub(ROUNDER).neg();
            DoubleVector r = minusN.fma(ln2Lo, minusN.fma(ln2Hi, clamped));
            DoubleVector q = DoubleVector.broadcast(DOUBLES, EXPM1_QUOTIENT[EXPM1_QUOTIENT.length - 1]);
            for (int k = EXPM1_QUOTIENT.length - 2; k >= 0; k--) {
                q = q.fma(r, DoubleVector.broadcast(DOUBLES, EXPM1_QUOTIENT[k]));
            }
            DoubleVector scale = shifted.reinterpretAsLongs()
                    .sub(Double.doubleToRawLongBits(ROUNDER) - 1023)
                    .lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles();
            DoubleVector e = scale.fma(r.mul(q), scale.sub(1.0));
            DoubleVector t = e.div(e.add(2.0));
            // x's sign bit onto t (≥ 0) with bit operations: blend() is not intrinsified on JDK 17 here
            t.reinterpretAsLongs().or(x.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()
                    .intoArray(dst, dstFrom + i);
        }
        for (; i < n; i++) {
            dst[dstFrom + i] = ReproducibleMath.tanh(src[srcFrom + i]);
        }
    }

    /** {@link #sigmoidInPlace(double[], int, int)} in float, with the bits of {@link ReproducibleMath#sigmoid(float)}. */
    static void sigmoidInPlace(float[] a, int from, int to) {
        int lanes = FLOATS.length();
        FloatVector one = FloatVector.broadcast(FLOATS, 1.0f);
        FloatVector ln2Hi = FloatVector.broadcast(FLOATS, LN2_HI_F);
        FloatVector ln2Lo = FloatVector.broadcast(FLOATS, LN2_LO_F);
        int i = from;
        for (int bound = from + FLOATS.loopBound(to - from); i < bound; i += lanes) {
            FloatVector x = FloatVector.fromArray(FLOATS, a, i).neg();
            FloatVector clamped = x.max(MIN_EXP_ARG_F).min(MAX_EXP_ARG_F);
            FloatVector shifted = clamped.fma(LOG2E_F, ROUNDER_F);
            FloatVector minusN = shifted.sub(ROUNDER_F).neg();
            FloatVector r = minusN.fma(ln2Lo, minusN.fma(ln2Hi, clamped));
            FloatVector p = FloatVector.broadcast(FLOATS, EXP_TAYLOR_F[EXP_TAYLOR_F.length - 1]);
            for (int k = EXP_TAYLOR_F.length - 2; k >= 0; k--) {
                p = p.fma(r, FloatVector.broadcast(FLOATS, EXP_TAYLOR_F[k]));
            }
            FloatVector scale = shifted.reinterpretAsInts()
                    .sub(Float.floatToRawIntBits(ROUNDER_F) - 127)
                    .lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats();
            one.div(one.add(p.mul(scale))).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = ReproducibleMath.sigmoid(a[i]);
        }
    }

    /** {@link #tanh(double[], int, double[], int, int)} in float, with the bits of {@link ReproducibleMath#tanh(float)}. */
    static void tanh(float[] src, int srcFrom, float[] dst, int dstFrom, int n) {
        int lanes = FLOATS.length();
        FloatVector ln2Hi = FloatVector.broadcast(FLOATS, LN2_HI_F);
        FloatVector ln2Lo = FloatVector.broadcast(FLOATS, LN2_LO_F);
        int i = 0;
        for (int bound = FLOATS.loopBound(n); i < bound; i += lanes) {
            FloatVector x = FloatVector.fromArray(FLOATS, src, srcFrom + i);
            FloatVector a = x.abs().min(TANH_SATURATION_F);
            FloatVector clamped = a.add(a).max(MIN_EXP_ARG_F).min(MAX_EXP_ARG_F);
            FloatVector shifted = clamped.fma(LOG2E_F, ROUNDER_F);
            FloatVector minusN = shifted.sub(ROUNDER_F).neg();
            FloatVector r = minusN.fma(ln2Lo, minusN.fma(ln2Hi, clamped));
            FloatVector q = FloatVector.broadcast(FLOATS, EXPM1_QUOTIENT_F[EXPM1_QUOTIENT_F.length - 1]);
            for (int k = EXPM1_QUOTIENT_F.length - 2; k >= 0; k--) {
                q = q.fma(r, FloatVector.broadcast(FLOATS, EXPM1_QUOTIENT_F[k]));
            }
            FloatVector scale = shifted.reinterpretAsInts()
                    .sub(Float.floatToRawIntBits(ROUNDER_F) - 127)
                    .lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats();
            FloatVector e = scale.fma(r.mul(q), scale.sub(1.0f));
            FloatVector t = e.div(e.add(2.0f));
            t.reinterpretAsInts().or(x.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats()
                    .intoArray(dst, dstFrom + i);
        }
        for (; i < n; i++) {
            dst[dstFrom + i] = ReproducibleMath.tanh(src[srcFrom + i]);
        }
    }

    /**
     * Replaces a[0, n) by e^(a[i] − shift) with the same bits as {@link ReproducibleMath#exp(float)}, and returns their
     * sum: vector lanes accumulated, added in lane order, then the tail. See {@link #sigmoidInPlace}.
     */
    static float expShiftedInPlace(float[] a, int n, float shift) {
        int lanes = FLOATS.length();
        FloatVector ln2Hi = FloatVector.broadcast(FLOATS, LN2_HI_F);
        FloatVector ln2Lo = FloatVector.broadcast(FLOATS, LN2_LO_F);
        FloatVector sum = FloatVector.zero(FLOATS);
        int i = 0;
        for (int bound = FLOATS.loopBound(n); i < bound; i += lanes) {
            FloatVector x = FloatVector.fromArray(FLOATS, a, i).sub(shift);
            FloatVector clamped = x.max(MIN_EXP_ARG_F).min(MAX_EXP_ARG_F);
            FloatVector shifted = clamped.fma(LOG2E_F, ROUNDER_F);
            FloatVector minusN = shifted.sub(ROUNDER_F).neg();
            FloatVector r = minusN.fma(ln2Lo, minusN.fma(ln2Hi, clamped));
            FloatVector p = FloatVector.broadcast(FLOATS, EXP_TAYLOR_F[EXP_TAYLOR_F.length - 1]);
            for (int k = EXP_TAYLOR_F.length - 2; k >= 0; k--) {
                p = p.fma(r, FloatVector.broadcast(FLOATS, EXP_TAYLOR_F[k]));
            }
            FloatVector scale = shifted.reinterpretAsInts()
                    .sub(Float.floatToRawIntBits(ROUNDER_F) - 127)
                    .lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats();
            FloatVector e = p.mul(scale);
            e.intoArray(a, i);
            sum = sum.add(e);
        }
        float total = 0f;
        for (int lane = 0; lane < lanes; lane++) {
            total += sum.lane(lane);
        }
        for (; i < n; i++) {
            a[i] = ReproducibleMath.exp(a[i] - shift);
            total += a[i];
        }
        return total;
    }
}
