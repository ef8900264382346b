package io.rnnkit.datasets.generators;

import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import io.rnnkit.core.UserInputException;

/**
 * Data for an encoder→decoder ComputationGraph that learns decimal addition as text
 * ("535+61" → "596"), with terms of up to 3 digits (0..999).
 *
 * <p>Symbols are {@link #SYMBOLS}: digits 0–9, '+', ' ' (padding) and '=' (the decoder's start
 * symbol). Each {@link MultiDataSet} has:
 * <ul>
 *   <li>features[0], encoder input: the question, one-hot [N, 13, 7], left-aligned, padded with
 *       spaces; feature mask [N, 7] marks its real characters;</li>
 *   <li>features[1], decoder input (teacher forcing): '=' then the first 3 answer characters,
 *       one-hot [N, 13, 4];</li>
 *   <li>labels[0], decoder output: the answer padded with spaces to 4 characters, one-hot
 *       [N, 13, 4].</li>
 * </ul>
 * Train, test and validation pairs are distinct (a, b) pairs drawn with the seed, in that order,
 * so the training and test pairs do not depend on the validation size.
 */
public final class Seq2SeqAdditionGenerator {

    /** The symbol alphabet; a symbol's id is its index here. */
    public static final String SYMBOLS = "0123456789+ =";
    /** Longest question, "999+999". */
    public static final int QUESTION_LENGTH = 7;
    /** Longest answer, "1998". */
    public static final int ANSWER_LENGTH = 4;
    /** The decoder's start symbol. */
    public static final char START = '=';

    private static final int LIMIT = 1000;

    private final int[] trainPairs;
    private final int[] testPairs;
    private final int[] validationPairs;

    /**
     * @param seed seed for drawing pairs
     * @param trainSize training examples
     * @param testSize test examples, disjoint from training
     * @param validationSize validation examples, disjoint from both
     */
    public Seq2SeqAdditionGenerator(long seed, int trainSize, int testSize, int validationSize) {
        if (trainSize < 1 || testSize < 1 || validationSize < 1
                || (long) trainSize + testSize + validationSize > LIMIT * LIMIT / 2) {
            throw new UserInputException("sizes: train, test and validation must be at least 1 and together at most "
                    + LIMIT * LIMIT / 2 + ", got " + trainSize + ", " + testSize + " and " + validationSize);
        }
        Random random = new Random(seed);
        Set<Integer> pairs = new LinkedHashSet<>();
        while (pairs.size() < trainSize + testSize + validationSize) {
            pairs.add(random.nextInt(LIMIT) * LIMIT + random.nextInt(LIMIT));
        }
        int[] all = pairs.stream().mapToInt(Integer::intValue).toArray();
        this.trainPairs = java.util.Arrays.copyOfRange(all, 0, trainSize);
        this.testPairs = java.util.Arrays.copyOfRange(all, trainSize, trainSize + testSize);
        this.validationPairs = java.util.Arrays.copyOfRange(all, trainSize + testSize, all.length);
    }

    /** Number of symbols. */
    public static int vocabularySize() {
        return SYMBOLS.length();
    }

    /** The question text, such as "535+61". */
    public static String question(int a, int b) {
        return a + "+" + b;
    }

    /** The answer padded with spaces to {@link #ANSWER_LENGTH}, such as "596 ". */
    public static String answer(int a, int b) {
        return pad(Integer.toString(a + b), ANSWER_LENGTH);
    }

    /** Training pairs, each {@code a * 1000 + b}. */
    public int[] trainPairs() {
        return trainPairs.clone();
    }

    /** Test pairs, each {@code a * 1000 + b}. */
    public int[] testPairs() {
        return testPairs.clone();
    }

    /** Validation pairs, each {@code a * 1000 + b}. */
    public int[] validationPairs() {
        return validationPairs.clone();
    }

    /** The training examples. */
    public MultiDataSet trainSet() {
        return encode(trainPairs);
    }

    /** The test examples. */
    public MultiDataSet testSet() {
        return encode(testPairs);
    }

    /** The validation examples. */
    public MultiDataSet validationSet() {
        return encode(validationPairs);
    }

    /** Training batches. */
    public ArrayMultiDataSetIterator trainIterator(int batchSize) {
        return new ArrayMultiDataSetIterator(trainSet(), batchSize);
    }

    /** Validation batches. */
    public ArrayMultiDataSetIterator validationIterator(int batchSize) {
        return new ArrayMultiDataSetIterator(validationSet(), batchSize);
    }

    /** Test batches. */
    public ArrayMultiDataSetIterator testIterator(int batchSize) {
        return new ArrayMultiDataSetIterator(testSet(), batchSize);
    }

    /** One question as a batch of one for the encoder: one-hot [1, 13, 7] (pair it with {@link #questionMask}). */
    public static INDArray encodeQuestion(String question) {
        float[] data = new float[vocabularySize() * QUESTION_LENGTH];
        writeOneHot(data, 0, pad(checked(question), QUESTION_LENGTH));
        return Nd4j.create(data, new long[] {1, vocabularySize(), QUESTION_LENGTH}, 'c');
    }

    /** The encoder mask [1, 7] for one question. */
    public static INDArray questionMask(String question) {
        float[] mask = new float[QUESTION_LENGTH];
        java.util.Arrays.fill(mask, 0, checked(question).length(), 1f);
        return Nd4j.create(mask, new long[] {1, QUESTION_LENGTH}, 'c');
    }

    /** Reads text from one example's scores or one-hot [13, T] by taking the best symbol per step. */
    public static String decode(INDArray scores) {
        INDArray best = scores.argMax(0);
        StringBuilder out = new StringBuilder();
        for (int t = 0; t < best.length(); t++) {
            out.append(SYMBOLS.charAt(best.getInt(t)));
        }
        return out.toString();
    }

    private MultiDataSet encode(int[] pairs) {
        int n = pairs.length;
        int v = vocabularySize();
        float[] encoder = new float[n * v * QUESTION_LENGTH];
        float[] encoderMask = new float[n * QUESTION_LENGTH];
        float[] decoderIn = new float[n * v * ANSWER_LENGTH];
        float[] decoderOut = new float[n * v * ANSWER_LENGTH];
        for (int i = 0; i < n; i++) {
            int a = pairs[i] / LIMIT;
            int b = pairs[i] % LIMIT;
            String question = question(a, b);
            String answer = answer(a, b);
            writeOneHot(encoder, i * v * QUESTION_LENGTH, pad(question, QUESTION_LENGTH));
            java.util.Arrays.fill(encoderMask, i * QUESTION_LENGTH, i * QUESTION_LENGTH + question.length(), 1f);
            writeOneHot(decoderIn, i * v * ANSWER_LENGTH, START + answer.substring(0, ANSWER_LENGTH - 1));
            writeOneHot(decoderOut, i * v * ANSWER_LENGTH, answer);
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {
                    Nd4j.create(encoder, new long[] {n, v, QUESTION_LENGTH}, 'c'),
                    Nd4j.create(decoderIn, new long[] {n, v, ANSWER_LENGTH}, 'c')},
                new INDArray[] {Nd4j.create(decoderOut, new long[] {n, v, ANSWER_LENGTH}, 'c')},
                new INDArray[] {Nd4j.create(encoderMask, new long[] {n, QUESTION_LENGTH}, 'c'), null},
                null);
    }

    /** Writes {@code text} one-hot into a [V, T] block starting at {@code base}. */
    private static void writeOneHot(float[] data, int base, String text) {
        int steps = text.length();
        for (int t = 0; t < steps; t++) {
            data[base + SYMBOLS.indexOf(text.charAt(t)) * steps + t] = 1f;
        }
    }

    private static String pad(String text, int length) {
        return text + " ".repeat(length - text.length());
    }

    private static String checked(String question) {
        if (!question.matches("\\d{1,3}\\+\\d{1,3}")) {
            throw new UserInputException("question: '" + question + "' is not of the form a+b with 1-3 digit terms, such as 535+61");
        }
        return question;
    }
}
