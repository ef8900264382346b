package io.rnnkit.core.parallel;

import io.rnnkit.core.train.EpochFitter;
import io.rnnkit.core.train.Networks;
import java.util.List;
import org.deeplearning4j.datasets.iterator.MultiDataSetWrapperIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Data-parallel training on one machine through DL4J's {@link ParallelWrapper}: {@code workers} model
 * replicas (one per CPU core or GPU) each fit their own batches, and their parameters and updater state
 * are averaged every few batches, or they share threshold-encoded gradients after each one.
 *
 * <p>The model's own listeners, such as global-norm clipping, run inside every replica.
 */
public final class ParallelWrapperFitter implements EpochFitter {

    private static final int PREFETCH_BATCHES = 2;

    private final ExecutionConfig execution;
    private final MeanScoreListener scores = new MeanScoreListener();
    private ParallelWrapper wrapper;
    private Model wrapped;

    public ParallelWrapperFitter(ExecutionConfig execution) {
        if (execution.workers() < 2) {
            throw new IllegalArgumentException("ParallelWrapper needs at least 2 workers, got " + execution.workers());
        }
        this.execution = execution;
    }

    @Override
    public double fitEpoch(Model model, MultiDataSetIterator batches) {
        ParallelWrapper parallel = wrapperFor(model);
        if (model instanceof ComputationGraph) {
            parallel.fit(batches);
        } else {
            parallel.fit(new MultiDataSetWrapperIterator(batches));
        }
        return scores.takeMean();
    }

    private ParallelWrapper wrapperFor(Model model) {
        if (wrapper != null && wrapped == model) {
            return wrapper;
        }
        close();
        wrapper = new ParallelWrapper.Builder<>(model)
                .workers(execution.workers())
                .prefetchBuffer(PREFETCH_BATCHES)
                .trainingMode(execution.synchronization() == ExecutionConfig.Synchronization.SHARING
                        ? ParallelWrapper.TrainingMode.SHARED_GRADIENTS
                        : ParallelWrapper.TrainingMode.AVERAGING)
                .averagingFrequency(execution.averagingFrequency())
                .averageUpdaters(true)
                .reportScoreAfterAveraging(false)
                .build();
        List<TrainingListener> listeners = Networks.listeners(model);
        listeners.add(scores);
        wrapper.setListeners(listeners);
        wrapped = model;
        return wrapper;
    }

    @Override
    public void close() {
        if (wrapper != null) {
            wrapper.shutdown();
            wrapper = null;
            wrapped = null;
        }
    }
}
