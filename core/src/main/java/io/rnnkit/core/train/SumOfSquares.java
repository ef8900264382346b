package io.rnnkit.core.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Σ x² over a range of a float buffer with the Vector API: one fused multiply-add per vector into lane
 * accumulators, the lanes then added in a fixed order in double (the Vector API leaves the order of its own
 * lane reduction open, and the sum must not change with the JIT). Only {@link GradientNorm} loads it, and only
 * when the Vector API module is present.
 */
final class SumOfSquares {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    private SumOfSquares() {
    }

    /** Σ x² over elements [from, to) of the float buffer whose element 0 is at element {@code first} of {@code bytes}. */
    static double of(ByteBuffer bytes, long first, int from, int to) {
        FloatVector sum = FloatVector.zero(FLOATS);
        int i = from;
        for (int bound = from + FLOATS.loopBound(to - from); i < bound; i += FLOATS.length()) {
            FloatVector v = FloatVector.fromByteBuffer(FLOATS, bytes, (int) ((first + i) * Float.BYTES),
                    ByteOrder.nativeOrder());
            sum = v.fma(v, sum);
        }
        double total = 0;
        for (float lane : sum.toArray()) {
            total += lane;
        }
        for (; i < to; i++) {
            double v = bytes.getFloat((int) ((first + i) * Float.BYTES));
            total += v * v;
        }
        return total;
    }
}
