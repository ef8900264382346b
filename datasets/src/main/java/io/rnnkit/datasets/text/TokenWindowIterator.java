package io.rnnkit.datasets.text;

import io.rnnkit.datasets.BaseDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;

/** What the token-stream samplers share: the stream, the vocabulary width, the batch shape and batching. */
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

    /** The batch whose rows are the windows starting at {@code starts}. */
    protected DataSet windows(int[] starts) {
        return TokenBatches.window(tokens, starts, vocabSize, shape);
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
