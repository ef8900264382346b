package io.rnnkit.benchmarks.dl4j;

import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.TokenSampler;
import io.rnnkit.benchmarks.Workload;
import io.rnnkit.models.layers.SingleStreamStepper;

/**
 * Samples T characters with batch 1 through a {@link SingleStreamStepper} over the rnnkit network,
 * feeding each drawn token back; the state is reset at the start of each step, as in
 * {@link Dl4jSamplingStep}.
 */
final class HeapSamplingStep implements StepBenchmark {

    private final Workload workload;
    private final long seed;
    private SingleStreamStepper stepper;
    private TokenSampler sampler;

    HeapSamplingStep(Workload workload, long seed) {
        this.workload = workload;
        this.seed = seed;
    }

    @Override
    public void setUp() {
        stepper = SingleStreamStepper.tryCompile(Dl4jNetworks.rnnkit(workload, seed))
                .orElseThrow(() -> new IllegalStateException("the rnnkit " + workload.cell().label()
                        + " network has no heap stepper"));
        sampler = new TokenSampler(seed);
    }

    @Override
    public void step() {
        stepper.reset();
        int token = 0;
        for (int t = 0; t < workload.timeSteps(); t++) {
            token = sampler.sample(stepper.step(token));
        }
    }

    @Override
    public void tearDown() {
        stepper = null;
    }
}
