package io.rnnkit.models.layers.output;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of the output layer's float rows ({@link FloatSoftmaxRows}) and label scan
 * ({@link ClassTargets}). Each method covers whole vectors from index 0 and returns where they end, for the
 * caller's scalar loop to finish the row (or do all of it without the Vector API). Loaded only when the JVM has
 * the Vector API ({@link io.rnnkit.models.VectorApi#present()}).
 */
final class VectorRowLoops {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorRowLoops() {
    }

    /** dst[i] += src[i] over whole vectors of [0, n). */
    static int add(float[] src, float[] dst, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, dst, i).add(FloatVector.fromArray(SPECIES, src, i)).intoArray(dst, i);
        }
        return i;
    }

    /** row[i] *= factor over whole vectors of [0, n). */
    static int scale(float[] row, float factor, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, row, i).mul(factor).intoArray(row, i);
        }
        return i;
    }

    /** row[i] += bias[i] over whole vectors of [0, n); returns the largest of those sums (−∞ for none). */
    static float addBiasAndMax(float[] row, float[] bias, int n) {
        FloatVector vmax = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        for (int i = 0, bound = SPECIES.loopBound(n); i < bound; i += LANES) {
            FloatVector z = FloatVector.fromArray(SPECIES, row, i).add(FloatVector.fromArray(SPECIES, bias, i));
            z.intoArray(row, i);
            vmax = vmax.max(z);
        }
        return vmax.reduceLanes(VectorOperators.MAX);
    }

    /** Where {@link #addBiasAndMax} stops for a row of n values. */
    static int bound(int n) {
        return SPECIES.loopBound(n);
    }

    /**
     * Passes to {@code nonZero}, in order, the index i of every nonzero float at {@code bytes[(base + i)·4]} over
     * whole vectors of [0, n), read in native order; returns where the vectors end.
     */
    static int scanNonZero(ByteBuffer bytes, long base, int n, IntConsumer nonZero) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromByteBuffer(SPECIES, bytes, (int) ((base + i) * Float.BYTES),
                    ByteOrder.nativeOrder());
            VectorMask<Float> set = v.compare(VectorOperators.NE, 0f);
            if (set.anyTrue()) {
                for (int lane = set.firstTrue(); lane < LANES; lane++) {
                    if (set.laneIsSet(lane)) {
                        nonZero.accept(i + lane);
                    }
                }
            }
        }
        return i;
    }
}
