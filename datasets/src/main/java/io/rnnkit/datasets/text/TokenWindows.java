package io.rnnkit.datasets.text;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import io.rnnkit.core.train.BatchRecipe;

/**
 * One batch of a token sampler as a recipe: the stream (for a {@link TokenFile}, its path and bounds, not
 * its ids) and where each row starts. Built where it is fitted, it reads only its own windows.
 *
 * @param tokens the token stream
 * @param starts where each row's window starts
 * @param vocabSize the one-hot width
 * @param shape the batch shape
 */
public record TokenWindows(TokenSequence tokens, int[] starts, int vocabSize, TokenBatchShape shape) implements BatchRecipe {

    /** The batch as a {@link DataSet}: what the sampler's {@code next()} would have given. */
    public DataSet dataSet() {
        return TokenBatches.window(tokens, starts, vocabSize, shape);
    }

    @Override
    public MultiDataSet build() {
        DataSet batch = dataSet();
        return new org.nd4j.linalg.dataset.MultiDataSet(batch.getFeatures(), batch.getLabels());
    }

    @Override
    public int examples() {
        return starts.length;
    }

    @Override
    public long items() {
        return (long) starts.length * shape.steps();
    }

    @Override
    public String unit() {
        return "tokens";
    }
}
