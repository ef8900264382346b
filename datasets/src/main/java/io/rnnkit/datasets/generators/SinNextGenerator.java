package io.rnnkit.datasets.generators;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import io.rnnkit.datasets.ArrayDataSetIterator;

/**
 * The {@code sin-next} task: from 5 consecutive values of sin(t) predict the 6th. Points are
 * sin(0.01·i) over three consecutive ranges that share no point, so no window of one split occurs
 * in another: train i = 0..9999 (9,995 windows), validation the 1,000 points after it,
 * i = 10000..10999 (995 windows), and test the 1,000 after those, i = 11000..11999 (995 windows).
 * Features [N, 1, 5]; labels many-to-one [N, 1].
 */
public final class SinNextGenerator {

    /** Values per input window. */
    public static final int WINDOW = 5;
    /** Spacing of the sample points. */
    public static final double GAP = 0.01;
    /** Training points. */
    public static final int TRAIN_POINTS = 10_000;
    /** Validation points, following the training range. */
    public static final int VALIDATION_POINTS = 1_000;
    /** Test points, following the validation range. */
    public static final int TEST_POINTS = 1_000;

    /** Windows over the training points. */
    public DataSet trainSet() {
        return windows(0, TRAIN_POINTS);
    }

    /** Windows over the validation points. */
    public DataSet validationSet() {
        return windows(TRAIN_POINTS, VALIDATION_POINTS);
    }

    /** Windows over the test points. */
    public DataSet testSet() {
        return windows(TRAIN_POINTS + VALIDATION_POINTS, TEST_POINTS);
    }

    /** Training batches in time order. */
    public ArrayDataSetIterator trainIterator(int batchSize) {
        return new ArrayDataSetIterator(trainSet(), batchSize);
    }

    /** Validation batches in time order. */
    public ArrayDataSetIterator validationIterator(int batchSize) {
        return new ArrayDataSetIterator(validationSet(), batchSize);
    }

    /** Test batches in time order. */
    public ArrayDataSetIterator testIterator(int batchSize) {
        return new ArrayDataSetIterator(testSet(), batchSize);
    }

    private static DataSet windows(int firstPoint, int points) {
        int n = points - WINDOW;
        float[] features = new float[n * WINDOW];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < WINDOW; t++) {
                features[i * WINDOW + t] = (float) Math.sin(GAP * (firstPoint + i + t));
            }
            labels[i] = (float) Math.sin(GAP * (firstPoint + i + WINDOW));
        }
        return new DataSet(Nd4j.create(features, new long[] {n, 1, WINDOW}, 'c'), Nd4j.create(labels, new long[] {n, 1}, 'c'));
    }
}
