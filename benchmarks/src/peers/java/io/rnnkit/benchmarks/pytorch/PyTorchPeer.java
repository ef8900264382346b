package io.rnnkit.benchmarks.pytorch;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.rnnkit.benchmarks.BenchmarkPeer;
import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.Workload;
import io.rnnkit.benchmarks.WorkloadKind;
import java.util.Optional;

/**
 * PyTorch (CPU natives) through DJL's PyTorch engine, with every cell (LSTM, GRU, tanh RNN) as
 * PyTorch's own fused recurrent op. Needs {@code DJL_OFFLINE=true} and a writable
 * {@code DJL_CACHE_DIR}; the natives come from the {@code pytorch-native-cpu} jar.
 */
public final class PyTorchPeer implements BenchmarkPeer {

    /** Required by {@link java.util.ServiceLoader}. */
    public PyTorchPeer() {
    }

    @Override
    public String name() {
        return "PyTorch (DJL)";
    }

    @Override
    public boolean available() {
        try {
            return Engine.hasEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Training and sampling; no forward-pass-only (inference) step. */
    @Override
    public boolean covers(WorkloadKind kind) {
        return kind != WorkloadKind.INFERENCE;
    }

    @Override
    public Optional<StepBenchmark> create(Workload workload, long seed) {
        if (!covers(workload.kind())) {
            return Optional.empty();
        }
        return Optional.of(workload.kind() == WorkloadKind.TRAINING
                ? new DjlTrainingStep(workload, seed)
                : new DjlSamplingStep(workload, seed));
    }

    /** PyTorch's intra-op threads (its own OpenMP pool, apart from ND4J's). */
    @Override
    public String useThreads(int threads) {
        Engine.getEngine("PyTorch"); // loads the natives JniUtils calls into
        JniUtils.setNumThreads(threads);
        return "PyTorch intra-op " + JniUtils.getNumThreads();
    }

    @Override
    public String settings() {
        Engine engine = Engine.getEngine("PyTorch");
        return "PyTorch " + engine.getVersion() + ", intra-op threads " + JniUtils.getNumThreads()
                + ", inter-op threads " + JniUtils.getNumInteropThreads()
                + ", DJL_OFFLINE=" + System.getenv().getOrDefault("DJL_OFFLINE", "(unset)");
    }
}
