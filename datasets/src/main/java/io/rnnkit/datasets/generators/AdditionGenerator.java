package io.rnnkit.datasets.generators;

import java.util.Random;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.ArrayDataSetIterator;

/**
 * The {@code addition} task: 8-bit binary addition a + b with a, b &lt; 128 so the sum fits 8
 * bits. Each step shows one bit of a and one of b (features [N, 2, 8]) and asks for that bit of
 * the sum (labels [N, 1, 8], for a sigmoid output). All 16,384 pairs are shuffled by the seed and
 * cut into test, validation and training pairs, in that order: no pair appears in two splits.
 */
public final class AdditionGenerator {

    /** Bits per number and time steps per sequence. */
    public static final int BITS = 8;
    /** Exclusive upper bound of a and b. */
    public static final int LIMIT = 128;

    private final BitOrder order;
    private final int[] trainPairs;
    private final int[] validationPairs;
    private final int[] testPairs;

    /**
     * Train and test only, with no validation pairs.
     *
     * @param seed shuffle seed
     * @param order bit order over time
     * @param testFraction fraction of the 16,384 pairs held out for test, in (0, 1)
     */
    public AdditionGenerator(long seed, BitOrder order, double testFraction) {
        this(seed, order, testFraction, 0);
    }

    /**
     * @param seed shuffle seed
     * @param order bit order over time
     * @param testFraction fraction of the 16,384 pairs held out for test, in (0, 1)
     * @param validationFraction fraction held out for validation, in [0, 1 - testFraction)
     */
    public AdditionGenerator(long seed, BitOrder order, double testFraction, double validationFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new UserInputException("test-fraction: must be between 0 and 1 (exclusive), got " + testFraction);
        }
        if (!(validationFraction >= 0 && testFraction + validationFraction < 1)) {
            throw new UserInputException("validation-fraction: must be at least 0 and leave training pairs after a test"
                    + " fraction of " + testFraction + ", got " + validationFraction);
        }
        this.order = order;
        int[] pairs = new int[LIMIT * LIMIT];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = i;
        }
        WavesGenerator.shuffle(pairs, new Random(seed));
        int testCount = (int) Math.round(pairs.length * testFraction);
        int validationEnd = testCount + (int) Math.round(pairs.length * validationFraction);
        this.testPairs = java.util.Arrays.copyOfRange(pairs, 0, testCount);
        this.validationPairs = java.util.Arrays.copyOfRange(pairs, testCount, validationEnd);
        this.trainPairs = java.util.Arrays.copyOfRange(pairs, validationEnd, pairs.length);
    }

    /** The bit order. */
    public BitOrder order() {
        return order;
    }

    /** Training pairs, each encoded as {@code a * 128 + b}. */
    public int[] trainPairs() {
        return trainPairs.clone();
    }

    /** Validation pairs, each encoded as {@code a * 128 + b} (empty when no fraction was asked for). */
    public int[] validationPairs() {
        return validationPairs.clone();
    }

    /** Held-out pairs, each encoded as {@code a * 128 + b}. */
    public int[] testPairs() {
        return testPairs.clone();
    }

    /** The training examples. */
    public DataSet trainSet() {
        return encode(trainPairs);
    }

    /** The validation examples. */
    public DataSet validationSet() {
        if (validationPairs.length == 0) {
            throw new IllegalStateException("no validation pairs: this generator was made with a validation fraction of 0");
        }
        return encode(validationPairs);
    }

    /** The held-out examples. */
    public DataSet testSet() {
        return encode(testPairs);
    }

    /** Training batches in the shuffled order. */
    public ArrayDataSetIterator trainIterator(int batchSize) {
        return new ArrayDataSetIterator(trainSet(), batchSize);
    }

    /** Validation batches. */
    public ArrayDataSetIterator validationIterator(int batchSize) {
        return new ArrayDataSetIterator(validationSet(), batchSize);
    }

    /** Test batches. */
    public ArrayDataSetIterator testIterator(int batchSize) {
        return new ArrayDataSetIterator(testSet(), batchSize);
    }

    /** Reads a number back from 8 per-step bit values (≥ 0.5 is a one) in this generator's order. */
    public int decode(double[] bitsOverTime) {
        int value = 0;
        for (int t = 0; t < BITS; t++) {
            if (bitsOverTime[t] >= 0.5) {
                value |= 1 << order.bitAt(t, BITS);
            }
        }
        return value;
    }

    private DataSet encode(int[] pairs) {
        int n = pairs.length;
        float[] features = new float[n * 2 * BITS];
        float[] labels = new float[n * BITS];
        for (int i = 0; i < n; i++) {
            int a = pairs[i] / LIMIT;
            int b = pairs[i] % LIMIT;
            int sum = a + b;
            for (int t = 0; t < BITS; t++) {
                int bit = order.bitAt(t, BITS);
                features[i * 2 * BITS + t] = (a >> bit) & 1;
                features[i * 2 * BITS + BITS + t] = (b >> bit) & 1;
                labels[i * BITS + t] = (sum >> bit) & 1;
            }
        }
        return new DataSet(Nd4j.create(features, new long[] {n, 2, BITS}, 'c'),
                Nd4j.create(labels, new long[] {n, 1, BITS}, 'c'));
    }
}
