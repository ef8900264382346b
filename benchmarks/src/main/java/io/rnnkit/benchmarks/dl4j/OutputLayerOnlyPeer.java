package io.rnnkit.benchmarks.dl4j;

import io.rnnkit.benchmarks.BenchmarkPeer;
import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.Workload;
import io.rnnkit.benchmarks.WorkloadKind;
import io.rnnkit.benchmarks.threads.ThreadPolicy;
import java.util.Optional;

/**
 * A diagnostic row, not a competitor: a training step of the workload's DL4J {@code RnnOutputLayer}
 * alone, fed [batch, H, T] features, for the training workloads whose input size equals H (A, B).
 */
final class OutputLayerOnlyPeer implements BenchmarkPeer {

    @Override
    public String name() {
        return "DL4J RnnOutputLayer alone";
    }

    @Override
    public boolean covers(WorkloadKind kind) {
        return kind == WorkloadKind.TRAINING;
    }

    @Override
    public boolean diagnostic() {
        return true;
    }

    @Override
    public String useThreads(int threads) {
        return ThreadPolicy.ND4J_OPENMP.apply(threads);
    }

    @Override
    public boolean leavesThreadsRunning(int threads) {
        return ThreadPolicy.ND4J_OPENMP.leavesThreadsRunning(threads);
    }

    @Override
    public Optional<StepBenchmark> create(Workload workload, long seed) {
        if (!covers(workload.kind()) || workload.inputSize() != workload.hidden()) {
            return Optional.empty();
        }
        return Optional.of(new Dl4jTrainingStep(workload, () -> Dl4jNetworks.buildOutputLayerOnly(workload, seed), seed));
    }
}
