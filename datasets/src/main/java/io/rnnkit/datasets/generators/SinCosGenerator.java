package io.rnnkit.datasets.generators;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.ArrayDataSetIterator;

/**
 * The {@code sin-cos} task: map sin(t) to cos(t) over chunks of 10 points, chunk k covering
 * [kW, (k+1)W) at t = (k + j/10)·W with W = {@link #CHUNK_WIDTH}. Consecutive chunks are contiguous
 * in t, so a stateful model carries its hidden state from one chunk to the next. Features and
 * labels are [K, 1, 10].
 *
 * <p>W is 3 rather than π: with π the series has a period of two chunks, so chunk k + 2 equals
 * chunk k and any later range of chunks (a test range, say) repeats the training chunks exactly.
 * With 3, whose multiples are never multiples of 2π, no chunk repeats another.
 */
public final class SinCosGenerator {

    /** Points per chunk. */
    public static final int STEPS = 10;
    /** Width of a chunk in t, about a half period. */
    public static final double CHUNK_WIDTH = 3.0;

    private final int chunks;

    /** A series of {@code chunks} consecutive chunks. */
    public SinCosGenerator(int chunks) {
        if (chunks < 1) {
            throw new UserInputException("chunks: must be at least 1, got " + chunks);
        }
        this.chunks = chunks;
    }

    /** The time of point {@code j} in chunk {@code k}. */
    public static double time(int k, int j) {
        return CHUNK_WIDTH * (k + (double) j / STEPS);
    }

    /** All chunks; row k is chunk k. */
    public DataSet dataSet() {
        return dataSet(0, chunks);
    }

    /** Chunks {@code from} (inclusive) to {@code to} (exclusive); row i is chunk {@code from + i}. */
    public DataSet dataSet(int from, int to) {
        if (from < 0 || to > chunks || from >= to) {
            throw new UserInputException("chunks: the range [" + from + ", " + to + ") is not inside [0, " + chunks + ")");
        }
        int count = to - from;
        float[] sin = new float[count * STEPS];
        float[] cos = new float[count * STEPS];
        for (int k = 0; k < count; k++) {
            for (int j = 0; j < STEPS; j++) {
                double t = time(from + k, j);
                sin[k * STEPS + j] = (float) Math.sin(t);
                cos[k * STEPS + j] = (float) Math.cos(t);
            }
        }
        return new DataSet(Nd4j.create(sin, new long[] {count, 1, STEPS}, 'c'), Nd4j.create(cos, new long[] {count, 1, STEPS}, 'c'));
    }

    /** One chunk per batch, in time order (batch k+1 continues batch k). */
    public ArrayDataSetIterator iterator() {
        return iterator(0, chunks);
    }

    /** Chunks {@code from} to {@code to} (exclusive), one per batch, in time order. */
    public ArrayDataSetIterator iterator(int from, int to) {
        return new ArrayDataSetIterator(dataSet(from, to), 1);
    }
}
