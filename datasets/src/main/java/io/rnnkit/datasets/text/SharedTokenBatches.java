package io.rnnkit.datasets.text;

import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;

import io.rnnkit.core.train.BatchRecipe;
import io.rnnkit.core.train.BatchRecipeSource;

/**
 * A token sampler whose stream lies in a {@link TokenFile} every Spark node can read: it serves its batches
 * as usual, or as {@link TokenWindows} recipes, which executors build from the file themselves.
 */
public final class SharedTokenBatches extends MultiDataSetIteratorAdapter implements BatchRecipeSource {

    private static final long serialVersionUID = 1L;

    private final TokenWindowIterator sampler;

    /** Wraps a sampler whose stream is a token file on shared storage ({@link CharCorpus#loadShared}). */
    public SharedTokenBatches(SequentialTokenIterator sampler) {
        super(sampler);
        this.sampler = sampler;
    }

    @Override
    public boolean givesRecipes() {
        return true;
    }

    @Override
    public BatchRecipe nextRecipe() {
        return sampler.nextWindows();
    }
}
