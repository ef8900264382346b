package io.rnnkit.benchmarks;

/**
 * One peer's implementation of one workload: built by {@link #setUp()}, timed one {@link #step()}
 * at a time, released by {@link #tearDown()}.
 *
 * <p>Implementations do all allocation of parameters and input data in {@code setUp}, so a step
 * measures only the work a training loop (or sampler) would repeat.
 */
public interface StepBenchmark {

    /** Builds the network and its inputs. */
    void setUp() throws Exception;

    /** Runs one training step (or one sampling chunk of T tokens); must block until the work is done. */
    void step() throws Exception;

    /** Releases native memory; called once, even after a failure. */
    void tearDown();
}
