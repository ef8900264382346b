package io.rnnkit.core.train;

/** An iterator that can hand out its remaining batches as {@link BatchRecipe}s instead of building them. */
public interface BatchRecipeSource {

    /** Whether recipes are on offer; when false, only the iterator's own batches are. */
    boolean givesRecipes();

    /** The next batch's recipe, in place of {@code next()}; only while {@code hasNext()} is true. */
    BatchRecipe nextRecipe();
}
