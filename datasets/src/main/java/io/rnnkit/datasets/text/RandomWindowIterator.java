package io.rnnkit.datasets.text;

import java.util.Random;

import io.rnnkit.core.UserInputException;

/**
 * d2l's random sampler: each epoch picks a random offset in [0, T), cuts the stream into
 * non-overlapping windows of T tokens from there, shuffles them and serves B per batch. Windows in
 * a batch are unrelated, so hidden state must not carry across batches.
 */
public final class RandomWindowIterator extends TokenWindowIterator {

    private static final long serialVersionUID = 1L;

    private final Random random;
    private int[] windowStarts;
    private int batchesPerEpoch;
    private int cursor;

    /**
     * @param tokens the token stream
     * @param vocabSize number of distinct ids, the one-hot width
     * @param shape batch size, steps and encodings
     * @param seed seed for offsets and shuffles; the sequence of epochs is fixed by it
     */
    public RandomWindowIterator(TokenSequence tokens, int vocabSize, TokenBatchShape shape, long seed) {
        super(tokens, vocabSize, shape);
        this.random = new Random(seed);
        if ((tokens.length() - shape.steps()) / shape.steps() < shape.batchSize()) {
            throw new UserInputException("corpus: " + tokens.length() + " tokens are too few for batches of "
                    + shape.batchSize() + " windows of " + shape.steps() + " steps; use a smaller batch-size or steps");
        }
        reset();
    }

    /** Batches per epoch. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    @Override
    protected int[] nextStarts() {
        int[] starts = new int[shape.batchSize()];
        System.arraycopy(windowStarts, cursor * starts.length, starts, 0, starts.length);
        cursor++;
        return starts;
    }

    @Override
    public boolean hasNext() {
        return cursor < batchesPerEpoch;
    }

    @Override
    public void reset() {
        int steps = shape.steps();
        int offset = random.nextInt(steps);
        int windows = (tokens.length() - offset - 1) / steps;
        windowStarts = new int[windows];
        for (int i = 0; i < windows; i++) {
            windowStarts[i] = offset + i * steps;
        }
        for (int i = windows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = windowStarts[i];
            windowStarts[i] = windowStarts[j];
            windowStarts[j] = swap;
        }
        batchesPerEpoch = windows / shape.batchSize();
        cursor = 0;
    }
}
