package io.rnnkit.core.train;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weights of the epoch that validated best so far, which a keep-best run finishes with.
 *
 * @param epoch   the epoch (from 1) after which they were validated
 * @param weights a copy of the network's flat parameter vector, detached from any workspace
 */
record BestWeights(int epoch, INDArray weights) {

    /** A copy of {@code parameters} (the network goes on changing its own array) as epoch {@code epoch}'s. */
    static BestWeights of(int epoch, INDArray parameters) {
        try (MemoryWorkspace detached = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return new BestWeights(epoch, parameters.dup());
        }
    }
}
