package io.rnnkit.core.train;

import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Fits a model to one epoch's batches somewhere other than the trainer's own thread: on worker threads
 * of this machine or on a Spark cluster. The model's parameters (and updater state) hold the result
 * when {@link #fitEpoch} returns.
 */
public interface EpochFitter extends AutoCloseable {

    /**
     * Fits every remaining batch of {@code batches} once, with the model's listeners (gradient clipping)
     * running wherever the batches are fitted, and returns the mean loss the engine reports for the epoch.
     */
    double fitEpoch(Model model, MultiDataSetIterator batches);

    /** Releases workers, threads or the cluster connection. */
    @Override
    void close();
}
