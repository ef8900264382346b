package io.rnnkit.datasets.text;

import java.util.Random;

import io.rnnkit.core.UserInputException;

/**
 * Contiguous streams, as the reference {@code ptb_iterator} and d2l's sequential sampler batch a
 * corpus: the token stream is cut into B contiguous rows and successive [B, T] windows walk along
 * them, so row r of batch k+1 continues row r of batch k and hidden state can carry across batches.
 *
 * <p>With a seed, each epoch starts at a random offset in [0, T) (d2l); without, at 0 (PTB).
 */
public final class SequentialTokenIterator extends TokenWindowIterator {

    private static final long serialVersionUID = 1L;

    private final Random offsets;
    private int offset;
    private int rowLength;
    private int batchesPerEpoch;
    private int cursor;

    /**
     * @param tokens the token stream
     * @param vocabSize number of distinct ids, the one-hot width
     * @param shape batch size, steps and encodings
     * @param offsetSeed seed for a random start offset per epoch, or {@code null} to always start at 0
     */
    public SequentialTokenIterator(TokenSequence tokens, int vocabSize, TokenBatchShape shape, Long offsetSeed) {
        super(tokens, vocabSize, shape);
        this.offsets = offsetSeed == null ? null : new Random(offsetSeed);
        if (tokens.length() < tokensNeeded(shape)) {
            boolean smaller = shape.batchSize() > 1 || shape.steps() > 1;
            throw new UserInputException("corpus: " + tokens.length() + " tokens are too few for batches of "
                    + shape.batchSize() + " rows x " + shape.steps() + " steps, which need " + tokensNeeded(shape)
                    + (smaller ? "; use a smaller --batch or --steps" : ""));
        }
        reset();
    }

    /** The fewest tokens that fill one batch of {@code shape}: a window (plus its shifted target) per row. */
    public static int tokensNeeded(TokenBatchShape shape) {
        return shape.batchSize() * (shape.steps() + 1) + shape.steps();
    }

    /** Batches in the current epoch. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Where row {@code row} of batch {@code batch} starts in the token stream, this epoch. */
    public int startOf(int row, int batch) {
        return offset + row * rowLength + batch * shape.steps();
    }

    @Override
    protected int[] nextStarts() {
        int[] starts = new int[shape.batchSize()];
        for (int r = 0; r < starts.length; r++) {
            starts[r] = startOf(r, cursor);
        }
        cursor++;
        return starts;
    }

    @Override
    public boolean hasNext() {
        return cursor < batchesPerEpoch;
    }

    @Override
    public void reset() {
        offset = offsets == null ? 0 : offsets.nextInt(shape.steps());
        rowLength = (tokens.length() - offset) / shape.batchSize();
        batchesPerEpoch = (rowLength - 1) / shape.steps();
        cursor = 0;
    }
}
