package io.rnnkit.benchmarks;

import java.util.Optional;

/**
 * A framework being compared (rnnkit, stock DL4J, ONNX Runtime, PyTorch), able to build a {@link StepBenchmark}
 * for the workloads it supports.
 *
 * <p>Peers outside the default build (PyTorch through DJL, profile {@code peers}) are found with
 * {@link java.util.ServiceLoader}.
 */
public interface BenchmarkPeer {

    /** Short name shown in reports, e.g. "rnnkit". */
    String name();

    /** A benchmark for this workload, or empty if the peer has no such layer (e.g. DL4J GRU). */
    Optional<StepBenchmark> create(Workload workload, long seed);

    /**
     * Whether the peer takes part in workloads of this kind at all (the heap stepper only samples); a
     * peer that does but lacks a workload's cell gets a note in the report.
     */
    default boolean covers(WorkloadKind kind) {
        return true;
    }

    /** False if the peer's libraries are missing at run time (e.g. a jar built with -Ppeers run without DJL). */
    default boolean available() {
        return true;
    }

    /**
     * True for a diagnostic peer (e.g. one layer of a network alone): its rows are reported but are
     * never the "best" that other rows' ratios are taken against.
     */
    default boolean diagnostic() {
        return false;
    }

    /**
     * Gives the peer's following steps {@code threads} threads, in whichever library its work runs on,
     * and returns the settings now in force as read back from those libraries (e.g. "rnnkit pool 2, ND4J
     * OpenMP 1, OpenBLAS 1"). Called before every step, outside the timed region; by default sets nothing.
     */
    default String useThreads(int threads) {
        return "not set by this peer";
    }

    /**
     * Whether a step at {@code threads} threads leaves threads of its own running after it returns, long enough to
     * slow the next row (stock DL4J at ND4J OpenMP 2 and OpenBLAS 2: about 100 ms on this VM). The runner times such
     * rows apart from the others, each after a wait for the process's other threads to stop. False by default.
     */
    default boolean leavesThreadsRunning(int threads) {
        return false;
    }

    /** Settings worth reporting (threads, versions); empty by default. */
    default String settings() {
        return "";
    }
}
