package io.rnnkit.datasets.text;

import java.util.Random;

import io.rnnkit.core.UserInputException;

/**
 * Contiguous streams, as the reference {@code ptb_iterator} and d2l's sequential sampler batch a
 * corpus: the token stream is cut into B contiguous rows and successive [B, T] windows walk along
 * them, so row r of batch k+1 continues row r of batch k and hidden state can carry across batches.
 *
 * <p>With a seed, each epoch starts at a random offset in [0, T) (d2l); without, at 0 (PTB). With a
 * {@link RandomBpttLength}, successive windows along the rows have drawn lengths instead of T (AWD-LSTM),
 * a new sequence of them each epoch.
 */
public final class SequentialTokenIterator extends TokenWindowIterator {

    private static final long serialVersionUID = 1L;

    private final Random offsets;
    private final RandomBpttLength randomLength;
    private final Random lengths;
    private int offset;
    private int rowLength;
    /** Where each batch of this epoch starts along a row, and its steps. */
    private int[] batchStarts;
    private int[] batchSteps;
    private int cursor;

    /**
     * @param tokens the token stream (not copied; must not change)
     * @param vocabSize number of distinct ids, the one-hot width
     * @param shape batch size, steps and encodings
     * @param offsetSeed seed for a random start offset per epoch, or {@code null} to always start at 0
     */
    public SequentialTokenIterator(TokenSequence tokens, int vocabSize, TokenBatchShape shape, Long offsetSeed) {
        this(tokens, vocabSize, shape, offsetSeed, null, 0);
    }

    /**
     * The same with window lengths drawn by {@code randomLength} (null for the shape's fixed steps) from a
     * generator seeded with {@code lengthSeed}; the shape's steps should then be its base.
     */
    public SequentialTokenIterator(TokenSequence tokens, int vocabSize, TokenBatchShape shape, Long offsetSeed,
                                   RandomBpttLength randomLength, long lengthSeed) {
        super(tokens, vocabSize, shape);
        this.offsets = offsetSeed == null ? null : new Random(offsetSeed);
        this.randomLength = randomLength;
        this.lengths = new Random(lengthSeed);
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
        return batchStarts.length;
    }

    /** Time steps of batch {@code batch} of this epoch. */
    public int stepsOf(int batch) {
        return batchSteps[batch];
    }

    /** Where row {@code row} of batch {@code batch} starts in the token stream, this epoch. */
    public int startOf(int row, int batch) {
        return offset + row * rowLength + batchStarts[batch];
    }

    @Override
    protected TokenBatchShape nextShape() {
        int steps = batchSteps[cursor];
        return steps == shape.steps() ? shape : new TokenBatchShape(shape.batchSize(), steps, shape.features(),
                shape.labels());
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
        return cursor < batchStarts.length;
    }

    @Override
    public void reset() {
        offset = offsets == null ? 0 : offsets.nextInt(shape.steps());
        rowLength = (tokens.length() - offset) / shape.batchSize();
        cursor = 0;
        if (randomLength == null) {
            int batches = (rowLength - 1) / shape.steps();
            batchStarts = new int[batches];
            batchSteps = new int[batches];
            for (int k = 0; k < batches; k++) {
                batchStarts[k] = k * shape.steps();
                batchSteps[k] = shape.steps();
            }
            return;
        }
        // Draw until a row's targets run out; the last window takes what is left, as AWD-LSTM's does.
        java.util.List<int[]> windows = new java.util.ArrayList<>();
        int position = 0;
        while (position < rowLength - 1) {
            int steps = Math.min(randomLength.draw(lengths), rowLength - 1 - position);
            windows.add(new int[] {position, steps});
            position += steps;
        }
        batchStarts = windows.stream().mapToInt(w -> w[0]).toArray();
        batchSteps = windows.stream().mapToInt(w -> w[1]).toArray();
    }
}
