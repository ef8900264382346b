package io.rnnkit.benchmarks;

/** Whether a workload times a training step or stepwise sampling. */
public enum WorkloadKind {
    /** Forward, backward and SGD update over a [batch, T] mini-batch. */
    TRAINING,
    /** Batch-1 character sampling, one token at a time through {@code rnnTimeStep}. */
    SAMPLING
}
