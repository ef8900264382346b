package io.rnnkit.core.train;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The running mean of a network's parameter vectors, one per training step, as averaged SGD keeps it:
 * after k steps it holds (p₁ + … + p_k) / k, updated as mean += (p_k − mean) / k.
 */
public final class ParameterAverage {

    private INDArray mean;
    private long iterates;

    /** An empty average. */
    public ParameterAverage() {
    }

    /** An average restored from a checkpoint. */
    ParameterAverage(INDArray mean, long iterates) {
        this.mean = mean;
        this.iterates = iterates;
    }

    /** Adds one iterate (copied: the network goes on changing its own array). */
    public void add(INDArray parameters) {
        try (MemoryWorkspace detached = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            iterates++;
            if (mean == null) {
                mean = parameters.dup();
            } else {
                mean.addi(parameters.sub(mean).divi(iterates));
            }
        }
    }

    /** The mean so far, or null before the first iterate. */
    public INDArray mean() {
        return mean;
    }

    /** How many iterates the mean covers. */
    public long iterates() {
        return iterates;
    }
}
