package io.rnnkit.benchmarks;

/** Whether a workload times a training step, stepwise sampling or a forward pass. */
public enum WorkloadKind {
    /** Forward, backward and SGD update over a [batch, T] mini-batch. */
    TRAINING,
    /** Batch-1 character sampling, one token at a time through {@code rnnTimeStep}. */
    SAMPLING,
    /** Inference: one forward pass over a [batch, T] mini-batch, no backward pass. */
    INFERENCE
}
