package io.rnnkit.datasets.generators;

import java.util.Random;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import io.rnnkit.datasets.ArrayDataSetIterator;

/**
 * The {@code waves} task: classify noisy sine (class 0) from square (class 1) sequences. Each
 * sequence has 96 steps and 16 dimensions: the clean wave, sin(t) or its sign (+1 where
 * sin(t) ≥ 0) for t = 10·i/96 (i = 0..95, i.e. linspace over [0, 10)), repeated in every dimension
 * with independent N(0, 1) noise. 1000 per class, 70/30 split per class, shuffled by the seed;
 * then a further 150 per class for validation, drawn after the others so that train and test do not
 * depend on it. Every sequence has its own noise, so no sequence occurs in two splits.
 * Features are [N, 16, 96]; labels are many-to-one one-hot [N, 2].
 */
public final class WavesGenerator {

    /** Time steps per sequence. */
    public static final int LENGTH = 96;
    /** Input dimensions. */
    public static final int DIMENSIONS = 16;
    /** Sequences per class. */
    public static final int PER_CLASS = 1000;
    /** Training sequences per class (70%). */
    public static final int TRAIN_PER_CLASS = 700;
    /** Validation sequences per class, beyond the {@link #PER_CLASS} of train and test. */
    public static final int VALIDATION_PER_CLASS = 150;

    private final DataSet train;
    private final DataSet validation;
    private final DataSet test;

    /** Generates both splits from {@code seed}. */
    public WavesGenerator(long seed) {
        Random random = new Random(seed);
        float[][] noisy = noisySequences(PER_CLASS, random);
        int[] trainRows = new int[2 * TRAIN_PER_CLASS];
        int[] testRows = new int[2 * (PER_CLASS - TRAIN_PER_CLASS)];
        for (int c = 0, tr = 0, te = 0; c < 2; c++) {
            for (int i = 0; i < PER_CLASS; i++) {
                if (i < TRAIN_PER_CLASS) {
                    trainRows[tr++] = c * PER_CLASS + i;
                } else {
                    testRows[te++] = c * PER_CLASS + i;
                }
            }
        }
        shuffle(trainRows, random);
        shuffle(testRows, random);
        this.train = assemble(noisy, trainRows, PER_CLASS);
        this.test = assemble(noisy, testRows, PER_CLASS);
        float[][] extra = noisySequences(VALIDATION_PER_CLASS, random);
        int[] validationRows = new int[extra.length];
        for (int i = 0; i < validationRows.length; i++) {
            validationRows[i] = i;
        }
        shuffle(validationRows, random);
        this.validation = assemble(extra, validationRows, VALIDATION_PER_CLASS);
    }

    /** {@code perClass} noisy sines, then as many noisy squares. */
    private static float[][] noisySequences(int perClass, Random random) {
        float[][] noisy = new float[2 * perClass][];
        for (int c = 0; c < 2; c++) {
            double[] clean = cleanWave(c);
            for (int i = 0; i < perClass; i++) {
                float[] sequence = new float[DIMENSIONS * LENGTH];
                for (int d = 0; d < DIMENSIONS; d++) {
                    for (int t = 0; t < LENGTH; t++) {
                        sequence[d * LENGTH + t] = (float) (clean[t] + random.nextGaussian());
                    }
                }
                noisy[c * perClass + i] = sequence;
            }
        }
        return noisy;
    }

    /** The noise-free wave of a class (0 sine, 1 square) over the 96 steps. */
    public static double[] cleanWave(int label) {
        double[] wave = new double[LENGTH];
        for (int t = 0; t < LENGTH; t++) {
            double s = Math.sin(10.0 * t / LENGTH);
            wave[t] = label == 0 ? s : (s >= 0 ? 1.0 : -1.0);
        }
        return wave;
    }

    /** The 1400 training sequences. */
    public DataSet trainSet() {
        return train;
    }

    /** The 300 validation sequences. */
    public DataSet validationSet() {
        return validation;
    }

    /** The 600 test sequences. */
    public DataSet testSet() {
        return test;
    }

    /** Training batches in a fixed order. */
    public ArrayDataSetIterator trainIterator(int batchSize) {
        return new ArrayDataSetIterator(train, batchSize);
    }

    /** Validation batches. */
    public ArrayDataSetIterator validationIterator(int batchSize) {
        return new ArrayDataSetIterator(validation, batchSize);
    }

    /** Test batches. */
    public ArrayDataSetIterator testIterator(int batchSize) {
        return new ArrayDataSetIterator(test, batchSize);
    }

    /** The sequences at {@code rows}, labelled by their block of {@code perClass}. */
    private static DataSet assemble(float[][] sequences, int[] rows, int perClass) {
        int n = rows.length;
        float[] features = new float[n * DIMENSIONS * LENGTH];
        float[] labels = new float[n * 2];
        for (int i = 0; i < n; i++) {
            System.arraycopy(sequences[rows[i]], 0, features, i * DIMENSIONS * LENGTH, DIMENSIONS * LENGTH);
            labels[i * 2 + rows[i] / perClass] = 1f;
        }
        return new DataSet(Nd4j.create(features, new long[] {n, DIMENSIONS, LENGTH}, 'c'),
                Nd4j.create(labels, new long[] {n, 2}, 'c'));
    }

    static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
