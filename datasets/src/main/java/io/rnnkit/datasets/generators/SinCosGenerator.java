package io.rnnkit.datasets.generators;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.ArrayDataSetIterator;

/**
 * The {@code sin-cos} task: map sin(t) to cos(t) over chunks of 10 points, chunk k covering
 * [kπ, (k+1)π) at t = kπ + jπ/10. Consecutive chunks are contiguous in t, so a stateful model
 * carries its hidden state from one chunk to the next. Features and labels are [K, 1, 10].
 */
public final class SinCosGenerator {

    /** Points per chunk. */
    public static final int STEPS = 10;

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
        return Math.PI * (k + (double) j / STEPS);
    }

    /** All chunks; row k is chunk k. */
    public DataSet dataSet() {
        float[] sin = new float[chunks * STEPS];
        float[] cos = new float[chunks * STEPS];
        for (int k = 0; k < chunks; k++) {
            for (int j = 0; j < STEPS; j++) {
                double t = time(k, j);
                sin[k * STEPS + j] = (float) Math.sin(t);
                cos[k * STEPS + j] = (float) Math.cos(t);
            }
        }
        return new DataSet(Nd4j.create(sin, new long[] {chunks, 1, STEPS}, 'c'), Nd4j.create(cos, new long[] {chunks, 1, STEPS}, 'c'));
    }

    /** One chunk per batch, in time order (batch k+1 continues batch k). */
    public ArrayDataSetIterator iterator() {
        return new ArrayDataSetIterator(dataSet(), 1);
    }
}
