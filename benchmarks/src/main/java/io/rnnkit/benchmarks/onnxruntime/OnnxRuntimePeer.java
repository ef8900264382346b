package io.rnnkit.benchmarks.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.rnnkit.benchmarks.BenchmarkPeer;
import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.Workload;
import io.rnnkit.benchmarks.WorkloadKind;
import java.util.Optional;

/**
 * ONNX Runtime (CPU) running the rnnkit network of each workload, exported with the same weights: for sampling
 * (config D) the stepping export fed one token at a time with its state carried, for inference (config E) the
 * whole-sequence export. Each row has its own session, built in its set-up with intra-op threads = the row's
 * thread count, one inter-op thread and sequential execution. No training workloads.
 */
public final class OnnxRuntimePeer implements BenchmarkPeer {

    /** The peer's name in reports. */
    public static final String NAME = "ONNX Runtime";

    private int threads = 1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean covers(WorkloadKind kind) {
        return kind == WorkloadKind.SAMPLING || kind == WorkloadKind.INFERENCE;
    }

    @Override
    public boolean available() {
        try {
            OrtEnvironment.getEnvironment();
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public Optional<StepBenchmark> create(Workload workload, long seed) {
        return switch (workload.kind()) {
            case SAMPLING -> Optional.of(new OrtSamplingStep(workload, seed, this));
            case INFERENCE -> Optional.of(new OrtInferenceStep(workload, seed, this));
            case TRAINING -> Optional.empty();
        };
    }

    /** Sessions built from now on get {@code threads} intra-op threads; a row's steps check theirs matches. */
    @Override
    public String useThreads(int threads) {
        this.threads = threads;
        return "ONNX Runtime intra-op " + threads + ", inter-op 1, sequential";
    }

    @Override
    public String settings() {
        return "ONNX Runtime " + OrtEnvironment.getEnvironment().getVersion() + ", one session per row: intra-op"
                + " threads the row's, inter-op 1, sequential execution, all graph optimisations";
    }

    /** The thread count of the last {@link #useThreads} call. */
    int threads() {
        return threads;
    }

    /** A session over {@code model} at the current thread count. */
    RowSession open(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return new RowSession(OrtEnvironment.getEnvironment().createSession(model, options), threads, this);
        }
    }
}
