package io.rnnkit.core.train;

import java.io.Serializable;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A training batch described by what it takes to build it from data every node can read (a path on shared
 * storage and positions in it), so that a Spark executor reads its own data instead of receiving the batch.
 */
public interface BatchRecipe extends Serializable {

    /** Builds the batch, reading whatever it needs. */
    MultiDataSet build();

    /** Examples (rows) in the batch. */
    int examples();

    /** What {@link Trainer#itemCount} would count in the built batch: tokens for sequence labels, else examples. */
    long items();

    /** "tokens" or "examples", the unit of {@link #items()}. */
    String unit();
}
