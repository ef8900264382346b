package io.rnnkit.benchmarks.dl4j;

import io.rnnkit.benchmarks.BenchmarkPeer;
import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.Workload;
import io.rnnkit.benchmarks.WorkloadKind;
import io.rnnkit.benchmarks.threads.ThreadPolicy;
import java.util.Optional;

/**
 * rnnkit's sampling path for config D: the same rnnkit network as the "rnnkit" peer, stepped by
 * {@link io.rnnkit.models.layers.SingleStreamStepper} (what {@code rnnkit generate} uses) instead of
 * {@code rnnTimeStep}. Sampling workloads only.
 */
public final class HeapStepperPeer implements BenchmarkPeer {

    @Override
    public String name() {
        return "rnnkit stepper";
    }

    @Override
    public boolean covers(WorkloadKind kind) {
        return kind == WorkloadKind.SAMPLING;
    }

    @Override
    public String useThreads(int threads) {
        return ThreadPolicy.RNNKIT_POOL.apply(threads);
    }

    @Override
    public Optional<StepBenchmark> create(Workload workload, long seed) {
        return covers(workload.kind()) ? Optional.of(new HeapSamplingStep(workload, seed)) : Optional.empty();
    }
}
