package io.rnnkit.core.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Passes an epoch's batches through unchanged while counting them and the items they hold (tokens for
 * sequence labels, examples otherwise), so an engine that consumes the iterator itself (ParallelWrapper,
 * a Spark job) still reports what it trained on and shows progress. Reset is refused: one instance
 * covers one epoch.
 */
public final class CountingBatches implements MultiDataSetIterator, BatchRecipeSource {

    private static final long serialVersionUID = 1L;

    private final MultiDataSetIterator source;
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicLong items = new AtomicLong();
    private final transient BiConsumer<String, Long> afterBatch;

    /**
     * Counts what passes through, batches or recipes, and tells {@code afterBatch} the unit of what it counts
     * ("tokens" or "examples") and the item total so far after each.
     */
    public CountingBatches(MultiDataSetIterator source, BiConsumer<String, Long> afterBatch) {
        this.source = source;
        this.afterBatch = afterBatch;
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public MultiDataSet next() {
        MultiDataSet batch = source.next();
        batches.incrementAndGet();
        afterBatch.accept(Trainer.unitOf(batch), items.addAndGet(Trainer.itemCount(batch)));
        return batch;
    }

    /** Whether the source hands out recipes (executors then read the data themselves). */
    @Override
    public boolean givesRecipes() {
        return source instanceof BatchRecipeSource recipes && recipes.givesRecipes();
    }

    @Override
    public BatchRecipe nextRecipe() {
        if (!givesRecipes()) {
            throw new UnsupportedOperationException("the source gives batches, not recipes");
        }
        BatchRecipe recipe = ((BatchRecipeSource) source).nextRecipe();
        batches.incrementAndGet();
        afterBatch.accept(recipe.unit(), items.addAndGet(recipe.items()));
        return recipe;
    }

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("batch size is fixed by the source iterator; use next()");
    }

    public int batches() {
        return batches.get();
    }

    public long items() {
        return items.get();
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        source.setPreProcessor(preProcessor);
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return source.getPreProcessor();
    }

    @Override
    public boolean resetSupported() {
        return false;
    }

    @Override
    public boolean asyncSupported() {
        return source.asyncSupported();
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("one CountingBatches covers one epoch; wrap the source again");
    }
}
