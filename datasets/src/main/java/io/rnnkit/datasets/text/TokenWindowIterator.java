package io.rnnkit.datasets.text;

import java.util.NoSuchElementException;

import io.rnnkit.datasets.BaseDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;

/** What the token-stream samplers share: the stream, the vocabulary width, the batch shape, batches and recipes. */
abstract class TokenWindowIterator extends BaseDataSetIterator {

    private static final long serialVersionUID = 1L;

    /** The token stream (not copied; must not change). */
    protected final TokenSequence tokens;
    /** Number of distinct ids, the one-hot width. */
    protected final int vocabSize;
    /** Batch size, steps and encodings. */
    protected final TokenBatchShape shape;

    TokenWindowIterator(TokenSequence tokens, int vocabSize, TokenBatchShape shape) {
        this.tokens = tokens;
        this.vocabSize = vocabSize;
        this.shape = shape;
    }

    /** Where the next batch's rows start in the stream; advances to the batch after it. */
    protected abstract int[] nextStarts();

    /** The next batch's shape, asked before {@link #nextStarts}: the iterator's own unless it draws window lengths. */
    protected TokenBatchShape nextShape() {
        return shape;
    }

    @Override
    protected DataSet nextBatch() {
        TokenBatchShape next = nextShape();
        return TokenBatches.window(tokens, nextStarts(), vocabSize, next);
    }

    /** The next batch as a recipe that builds it elsewhere, in place of {@code next()}. */
    public TokenWindows nextWindows() {
        if (!hasNext()) {
            throw new NoSuchElementException("the epoch is over; call reset()");
        }
        TokenBatchShape next = nextShape();
        return new TokenWindows(tokens, nextStarts(), vocabSize, next);
    }

    @Override
    public int inputColumns() {
        return shape.features() == TokenEncoding.ONE_HOT ? vocabSize : 1;
    }

    @Override
    public int totalOutcomes() {
        return vocabSize;
    }

    @Override
    public int batch() {
        return shape.batchSize();
    }
}
