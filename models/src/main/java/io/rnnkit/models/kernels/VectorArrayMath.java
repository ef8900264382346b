package io.rnnkit.models.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ArrayMath}'s whole vectors: each method runs from the start of its range and returns where it stopped, and
 * the caller's scalar loop finishes the range. Loaded only when the JVM has the Vector API
 * ({@link io.rnnkit.models.VectorApi#present()}).
 *
 * <p>Only the preferred species: loading floats with a half-width species as well (for float-double
 * conversions) made C2 give up the GEMM kernels' intrinsics on JDK 17 here, and a C LSTM training step ran many
 * times slower.
 */
final class VectorArrayMath {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

    private VectorArrayMath() {
    }

    static int add(float[] src, int srcFrom, float[] dst, int dstFrom, int n) {
        int i = 0;
        for (int bound = FLOATS.loopBound(n); i < bound; i += FLOATS.length()) {
            FloatVector.fromArray(FLOATS, dst, dstFrom + i).add(FloatVector.fromArray(FLOATS, src, srcFrom + i))
                    .intoArray(dst, dstFrom + i);
        }
        return i;
    }

    static int add(double[] src, int srcFrom, double[] dst, int dstFrom, int n) {
        int i = 0;
        for (int bound = DOUBLES.loopBound(n); i < bound; i += DOUBLES.length()) {
            DoubleVector.fromArray(DOUBLES, dst, dstFrom + i).add(DoubleVector.fromArray(DOUBLES, src, srcFrom + i))
                    .intoArray(dst, dstFrom + i);
        }
        return i;
    }
}
